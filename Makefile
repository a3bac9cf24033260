# The two commands a newcomer needs: `make serve` and `make test`.
# Everything else is set up on demand by the targets below.

# Prefer Debian's own Python (3.11.2 on Debian 12) so what passes here passes
# there; fall back to whatever python3 is on PATH.
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test check schema lint lock browser nginx urls deploy bench screenshots clean

serve: $(STAMP)        ## build and serve the site on 127.0.0.1:8000, rebuilding on change
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)        ## build into site/, replacing it only when the build succeeds
	$(BIN)/python tools/build.py

check: $(STAMP)        ## validate data/knowledge.yml and print every problem
	$(BIN)/python -m macros check

schema: $(STAMP)       ## regenerate data/knowledge.schema.json from the models
	$(BIN)/python -m macros schema

test: $(STAMP) browser nginx ## every test: unit, site, browser and deploy, on every core
	$(BIN)/python -m pytest -n auto

urls: build             ## add newly published URLs and anchors to urls.txt (never removes)
	$(BIN)/python tools/urls.py update

lint: $(STAMP)          ## code style, spelling in docs and data, and the data check
	$(BIN)/ruff check macros hooks tests tools
	$(BIN)/codespell docs data macros README.md CONTRIBUTING.md
	$(BIN)/python -m macros check

deploy: build           ## write deploy/nginx.conf (headers, caching, CSP hashes) from the built site
	$(BIN)/python tools/deploy.py

bench: $(STAMP) browser nginx  ## build times, page weight and Lighthouse scores, as a table
	$(BIN)/python tools/bench.py

screenshots: build browser     ## every page, phone and desktop, light and dark: build/screenshots/index.html
	$(BIN)/python tools/screenshots.py

browser:               ## make sure a Chromium is available for the browser tests
	@sh tools/ensure-chromium.sh

nginx:                 ## make sure nginx is available for the deploy tests and the benchmark
	@sh tools/ensure-nginx.sh

lock:                  ## re-resolve requirements.lock from pyproject.toml
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q --upgrade pip
	$(PYTHON) tools/deps.py > .lock-venv/requirements.in
	.lock-venv/bin/pip install -q -r .lock-venv/requirements.in
	{ sed -n '1,2p' requirements.lock; .lock-venv/bin/pip freeze; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .site-build-* $(VENV) .pytest_cache build tools/lighthouse/node_modules

$(STAMP): requirements.lock
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 or newer is needed (apt-get install python3)"; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null || sh tools/ensure-venv.sh
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	touch $(STAMP)
