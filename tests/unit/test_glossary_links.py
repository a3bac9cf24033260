"""The first mention of a glossary term on a page links to its definition, nothing more."""

from __future__ import annotations

from macros.glossary_links import link_terms
from macros.models import GlossaryTerm

TERMS = [
    GlossaryTerm(id="collagen", term="Collagen", definition="The main protein that gives skin its strength."),
    GlossaryTerm(id="pci", term="Percutaneous collagen induction", abbr="PCI", definition="Another name."),
    GlossaryTerm(
        id="pih", term="Post-inflammatory hyperpigmentation", abbr="PIH", definition='Dark "marks" <after> injury.'
    ),
    GlossaryTerm(id="ntm", term="Non-tuberculous mycobacteria", aliases=["atypical mycobacteria"], definition="Germs."),
]


def linked(html: str) -> str:
    return link_terms(html, TERMS, "../glossary/")


def test_first_mention_only_and_plural_and_case():
    out = linked("<p>Collagens matter. Collagen again.</p>")
    assert out == (
        '<p><a class="kb-term" href="../glossary/#collagen" title="Collagen: The main protein that gives skin '
        'its strength.">Collagens</a> matter. Collagen again.</p>'
    )


def test_longer_term_wins_over_a_term_inside_it():
    out = linked("<p>Percutaneous collagen induction uses needles.</p>")
    assert 'href="../glossary/#pci"' in out and "#collagen" not in out


def test_abbreviation_alias_and_escaped_title():
    out = linked("<p>PIH can follow. So can atypical mycobacteria.</p>")
    assert '>PIH</a>' in out and '>atypical mycobacteria</a>' in out
    assert 'title="Post-inflammatory hyperpigmentation: Dark &quot;marks&quot; &lt;after&gt; injury."' in out


def test_headings_links_code_and_figures_are_left_alone():
    html = ('<h2 id="x">Collagen</h2><p><a href="/">collagen</a> <code>PIH</code></p>'
            '<figure><svg><title>collagen</title></svg></figure><p>Later, collagen.</p>')
    out = linked(html)
    assert out.count("kb-term") == 1
    assert out.endswith('<p>Later, <a class="kb-term" href="../glossary/#collagen" title="Collagen: The main '
                        'protein that gives skin its strength.">collagen</a>.</p>')


def test_words_inside_other_words_are_not_linked():
    assert "kb-term" not in linked("<p>Procollagenase and PIHX are not terms.</p>")


def test_a_term_broken_across_lines_still_links():
    out = linked("<p>Percutaneous collagen\ninduction uses needles.</p>")
    assert '>Percutaneous collagen\ninduction</a>' in out


def test_elements_marked_no_terms_are_left_alone():
    out = linked('<ol data-kb-no-terms><li>Collagen here</li></ol><p>Collagen there.</p>')
    assert out.count("kb-term") == 1 and out.startswith("<ol data-kb-no-terms><li>Collagen here</li></ol>")
