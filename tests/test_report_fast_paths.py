"""The briefing's faster ways of writing HTML against the plain ones they replace: escapes, cut sentences and
the lists of sentences, byte for byte."""
from __future__ import annotations

import random

from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape

from claimledger.report.briefing import Section, Sentence, _h, _replaced
from claimledger.report.context import _RANK, ROLES, Segment, _segments

TRICKY = ["", "plain", "a & b", "<script>alert('x')</script>", 'say "no"', "&amp; already", "caf\u00e9 \u201cquoted\u201d",
          "tab\tand\nnewline", "'", '"', "<>&'\"" * 3]


def test_the_escape_of_a_string_is_markupsafes():
    for text in TRICKY:
        assert _h(text) == str(escape(text)) == _replaced(text)
        assert type(_h(text)) is str
    for value in (None, 3, 2.5, Markup("<b>kept</b>")):
        assert _h(value) == escape(value)


def _segments_as_before(text, start, end, spans):
    """The cutting of a sentence into marked runs as it was written first."""
    marked = [(_RANK[name], s, e) for name, s, e in spans if name in _RANK]
    last = max(start, end)
    cuts = sorted({start, last} | {min(max(p, start), last) for _, s, e in marked for p in (s, e)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        strongest = min([rank for rank, s, e in marked if s <= a and b <= e], default=None)
        role = None if strongest is None else ROLES[strongest]
        if out and out[-1].role == role:
            out[-1].text += text[a:b]
        else:
            out.append(Segment(text[a:b], role))
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[-1].text = out[-1].text.rstrip()
    return out


def test_a_sentence_is_cut_into_the_same_runs_as_before():
    rng = random.Random(13)
    text = "The ministry said on Monday that 1,200 troops had crossed the border, officials told reporters.\n\n  "
    roles = [*ROLES, "other"]
    for _ in range(5000):
        start = rng.randrange(0, len(text))
        end = rng.randrange(0, len(text) + 1)
        spans = []
        for _ in range(rng.randrange(0, 6)):
            s = rng.randrange(-3, len(text) + 3)
            spans.append((rng.choice(roles), s, s + rng.randrange(-2, 40)))
        assert _segments(text, start, end, spans) == _segments_as_before(text, start, end, spans)


_MACRO = """{% macro sentences(s) %}{% if s.sentences %}<ul class="sentences">
{% for sentence in s.sentences %}<li id="s-{{ s.key }}-{{ loop.index }}"><span class="sentence">{{ sentence.text }}{% if sentence.quote is not none %}<q class="claim">{{ sentence.quote }}</q>{% endif %}{{ sentence.after }}</span>{{ cites(sentence.cites) }}</li>
{% endfor %}</ul>{% endif %}{% endmacro %}{{ sentences(s) }}"""


def test_a_list_of_sentences_is_written_as_the_template_wrote_it(monkeypatch):
    """render_html's ``sentences`` against the template macro it replaced."""
    from claimledger.report import briefing as module

    made = {}

    class Template:
        def render(self, **context):
            made.update(context)
            return ""

    monkeypatch.setattr(module._env, "get_template", lambda name: Template())
    sentences = [Sentence(t, ["d1.a0", "d2"], quote=q, after=a)
                 for t, q, a in zip(TRICKY, [None, "a <quote> & more", "", None, "'x'"] * 3, TRICKY[::-1])]
    section = Section("k&<ey>", "Title", sentences=sentences)
    briefing = module.Briefing("t", "g", None, [], [section], ["d1.a0", "d2"])

    class Context:
        docs = {}

        def quote(self, iid):
            return None

    module.render_html(Context(), briefing)
    macro = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string(_MACRO)
    for s in (section, Section("empty", "Empty")):
        assert str(made["sentences"](s)) == macro.render(s=s, cites=made["cites"])
