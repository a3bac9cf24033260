"""mkdocs-macros entry point: registration only. The work is in the modules beside it."""


def define_env(env):
    from .registry import register

    register(env)
