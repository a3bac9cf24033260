"""Each kind of bad input stops the load with a message naming file, line and field."""

from __future__ import annotations

import re

from macros.__main__ import main as cli
from macros.loading import load

from .conftest import VALID, line_of, problems


def test_valid_file_loads(write, docs):
    knowledge = load(write(VALID), docs)
    assert [t.id for t in knowledge.treatments] == ["alpha", "beta"]
    assert knowledge.treatments[0].values["downtime"].unknown == "No study has measured it."
    assert knowledge.faq[0].question == "What is <script>alert(1)</script> it?"


def test_duplicate_key_names_both_lines(write):
    text = VALID.replace("    label: What it is\n", "    label: What it is\n    label: Again\n")
    [message] = problems(write(text))
    first = line_of(text, "label: What it is")
    assert message.endswith(
        f"knowledge.yml:{first + 1} attributes[0].label: duplicate key 'label' (first at line {first})"
    )


def test_unknown_field(write):
    text = VALID.replace("    help: A plain description.\n", "    help: A plain description.\n    colour: red\n")
    [message] = problems(write(text))
    assert re.search(rf":{line_of(text, 'colour: red')} attributes\[0\]\.colour: unknown field$", message)


def test_wrong_type(write):
    text = VALID.replace('pmid: "12345"', "pmid: 12345")
    [message] = problems(write(text))
    assert re.search(rf":{line_of(text, 'pmid: 12345')} references\[1\]\.pmid: .*string", message)


def test_missing_required_field(write):
    text = VALID.replace("    question: How deep?\n", "")
    [message] = problems(write(text))
    assert re.search(rf":{line_of(text, 'id: how-deep')} faq\[1\]\.question: missing required field$", message)


def test_wrong_vocabulary(write):
    text = VALID.replace("audience: trainee", "audience: doctors")
    [message] = problems(write(text))
    assert "faq[1].audience: must be 'patient', 'trainee' or 'both'" in message


def test_dangling_reference_in_the_documented_format(write):
    text = VALID.replace("refs: [jones2019, smith2020]", "refs: [jones2019, smith2019]")
    path = write(text)
    [message] = problems(path)
    line = line_of(text, "refs: [jones2019, smith2019]")
    assert message.endswith(f"knowledge.yml:{line} faq[1].refs[1]: unknown reference 'smith2019'")


def test_dangling_reference_in_a_table_value(write):
    text = VALID.replace("        refs: [jones2019]\n", "        refs: [nobody2000]\n")
    [message] = problems(write(text))
    assert "treatments[1].values.downtime.refs[0]: unknown reference 'nobody2000'" in message


def test_duplicate_id(write):
    text = VALID.replace("id: how-deep", "id: what-is-it")
    [message] = problems(write(text))
    assert re.search(r":\d+ faq\[1\]\.id: duplicate id 'what-is-it' \(also faq\[0\]\)$", message)


def test_value_missing_for_an_attribute(write):
    text = VALID.replace("      downtime:\n        unknown: No study has measured it.\n", "")
    [message] = problems(write(text))
    assert "treatments[0].values: no value for attribute 'downtime'" in message


def test_value_for_an_unknown_attribute(write):
    text = VALID.replace("      downtime:\n        unknown:", "      downtme:\n        unknown:")
    found = problems(write(text))
    assert any(m.endswith("treatments[0].values.downtme: unknown attribute 'downtme'") for m in found)
    assert any(m.endswith("treatments[0].values: no value for attribute 'downtime' "
                          "(write `unknown: <reason>` if not known)") for m in found)


def test_known_value_needs_a_reference(write):
    text = VALID.replace("        text: About 3 days\n        refs: [jones2019]\n", "        text: About 3 days\n")
    [message] = problems(write(text))
    assert "treatments[1].values.downtime: a known value needs at least one reference" in message


def test_journal_article_needs_an_identifier(write):
    text = VALID.replace("    doi: 10.1000/xyz123\n", "")
    [message] = problems(write(text))
    assert "references[0]: a journal article needs a doi or a pmid" in message


def test_related_page_must_exist(write, docs):
    text = VALID.replace("related: [/about/]", "related: [/nowhere/]")
    [message] = problems(write(text), docs)
    assert message.endswith(f":{line_of(text, 'related: [/nowhere/]')} faq[0].related[0]: no page at '/nowhere/'")


def test_faq_topic_needs_its_topic_entry(write):
    text = VALID.replace("topic: basics\n    audience: trainee", "topic: costs\n    audience: trainee")
    [message] = problems(write(text))
    assert "faq[1].topic: topic 'costs' has no entry in faq_topics" in message


def test_malformed_yaml_names_the_line(write):
    text = VALID.replace("    help: How long the skin takes to settle.", "    help: [unclosed")
    [message] = problems(write(text))
    assert re.search(r"knowledge\.yml:\d+: malformed YAML: ", message)


def test_empty_file(write):
    [message] = problems(write(""))
    assert message.endswith("the file is empty")


def test_every_problem_is_reported_at_once(write):
    text = VALID.replace("    help: A plain description.\n", "    help: A plain description.\n    colour: red\n")
    text = text.replace('pmid: "12345"', "pmid: 12345")
    assert len(problems(write(text))) == 2


def test_cli_check(write, docs, capsys):
    good = write(VALID)
    assert cli(["check", str(good), "--docs", str(docs)]) == 0
    assert "ok (2 references, 2 attributes, 2 treatments, 2 FAQ entries, 1 glossary terms, 0 layers" in (
        capsys.readouterr().out
    )
    bad = write(VALID.replace("refs: [smith2020]\n    related", "refs: [gone2001]\n    related"))
    assert cli(["check", str(bad), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert "faq[0].refs[0]: unknown reference 'gone2001'" in err
    assert "1 problem(s) found" in err


def test_the_real_data_file_is_valid(knowledge):
    assert knowledge.faq and knowledge.references


def test_related_page_must_show_its_related_questions(write, docs):
    text = VALID.replace("related: [/about/]", "related: [/]")
    [message] = problems(write(text), docs)
    assert message.endswith("faq[0].related[0]: '/' does not list related questions (add {{ faq_related() }} to it)")
