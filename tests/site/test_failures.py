"""Pages come from the data, and a bad build never touches the previous site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, PROJECT, run_build


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project's build inputs, to break without touching the real one."""
    copy = tmp_path / "project"
    for name in ("docs", "overrides", "macros", "hooks", "data"):
        shutil.copytree(PROJECT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "mkdocs.yml", copy / "mkdocs.yml")
    return copy


@pytest.fixture
def previous_site(tmp_path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build")
    return site


def assert_untouched(site: Path):
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the previous build"


def test_changing_a_value_in_the_data_changes_the_built_page(tmp_path):
    data = yaml.safe_load(DATA.read_text())
    data["treatments"][0]["values"]["what-goes-in"]["text"] = "A value only this test writes, 7 <b>x</b> | y."
    data["faq"][0]["question"] = "A question only this test asks?"
    copy = tmp_path / "knowledge.yml"
    copy.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = run_build(tmp_path / "site", data=copy)
    assert result.returncode == 0, result.stderr
    compare = (tmp_path / "site" / "compare" / "index.html").read_text()
    assert "A value only this test writes, 7 &lt;b&gt;x&lt;/b&gt; | y." in compare
    topic = data["faq"][0]["topic"]
    assert "A question only this test asks?" in (tmp_path / "site" / "faq" / topic / "index.html").read_text()
    assert "A question only this test asks?" in (tmp_path / "site" / "faq" / "index.html").read_text()


def test_bad_data_stops_the_build_naming_file_line_and_field(tmp_path, previous_site):
    text = DATA.read_text()
    bad = text.replace("  refs:\n  - soltani2014", "  refs:\n  - soltani2041", 1)
    assert bad != text
    copy = tmp_path / "knowledge.yml"
    copy.write_text(bad)
    line = bad[: bad.index("soltani2041")].count("\n") + 1
    result = run_build(previous_site, data=copy)
    assert result.returncode != 0
    assert f"knowledge.yml:{line} " in result.stderr
    assert "unknown reference 'soltani2041'" in result.stderr
    assert_untouched(previous_site)


def test_duplicate_key_stops_the_build(tmp_path, previous_site):
    copy = tmp_path / "knowledge.yml"
    duplicate = "attributes:\n- id: x\n  id: y\n  label: L\n  group: safety\n  help: H\n"
    copy.write_text(DATA.read_text().replace("attributes:\n", duplicate, 1))
    result = run_build(previous_site, data=copy)
    assert result.returncode != 0
    assert "attributes[0].id: duplicate key 'id'" in result.stderr
    assert_untouched(previous_site)


def test_unknown_citation_in_an_article_fails_and_keeps_the_old_site(project_copy, previous_site):
    article = project_copy / "docs" / "about.md"
    article.write_text(article.read_text() + '\nA claim. {{ cite("nosuchref1999") }}\n')
    result = run_build(previous_site, config=project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert "nosuchref1999" in result.stdout + result.stderr
    assert_untouched(previous_site)


def test_missing_front_matter_fails_the_build(project_copy, previous_site):
    page = project_copy / "docs" / "about.md"
    page.write_text(page.read_text().replace("audience: both\n", "", 1))
    result = run_build(previous_site, config=project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert "docs/about.md: front matter: audience: Field required" in result.stderr
    assert_untouched(previous_site)


def test_a_page_past_its_review_date_warns_and_shows_a_notice_but_builds(project_copy, tmp_path):
    page = project_copy / "docs" / "about.md"
    text = page.read_text().replace("reviewed: 2026-11-23", "reviewed: 2020-01-01")
    page.write_text(text.replace("review_due: 2027-05-23", "review_due: 2020-06-01"))
    site = tmp_path / "overdue-site"
    result = run_build(site, config=project_copy / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert "docs/about.md: review was due on 2020-06-01" in result.stderr
    html = (site / "about" / "index.html").read_text()
    assert "This page is due for review" in html


def test_redirects_yml_gives_a_moved_page_its_old_address(project_copy, tmp_path):
    (project_copy / "redirects.yml").write_text("/old-about/: /about/\n")
    site = tmp_path / "redirected"
    result = run_build(site, config=project_copy / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    page = (site / "old-about" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../about/">' in page


def test_a_redirect_to_nowhere_stops_the_build(project_copy, previous_site):
    (project_copy / "redirects.yml").write_text("/old-about/: /nowhere/\n")
    result = run_build(previous_site, config=project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert "redirects.yml: /old-about/ points to /nowhere/, which is not a page" in result.stderr
    assert_untouched(previous_site)
