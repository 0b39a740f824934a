"""No template holds user-facing text outside ``_()`` or ``{% trans %}``: the text between tags, the
attributes a person reads (title, placeholder, aria-label, alt, a button's value), and the labels passed
to the form macros. Checked on the templates' syntax tree, so it covers pages no other test visits."""

import re

import pytest
from jinja2 import nodes

from tests.i18n.checks import ROOT, read_page

TEMPLATES = sorted(p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*")
                   if p.suffix in (".html", ".txt"))
WORDS = re.compile(r"[^\W\d_]{2,}")
# Text that reads the same in every language.
SAME_EVERYWHERE = re.compile(r"^(SPOC|CSV|PDF|DOCX|iCalendar|\.ics|ICS|UTC|TOTP|QR|htmx|HTML|JavaScript|OK|"
                             r"A1|A2|B1|B2|C1|C2|[A-Z]{2,6})$")
# Macros and calls whose string arguments are labels a person reads.
LABEL_CALLS = {"post_button", "note_step", "field", "section", "block_heading", "link_button", "pager",
               "confirm_button"}


def _words(text: str) -> list[str]:
    return [w for w in WORDS.findall(text) if not SAME_EVERYWHERE.match(w)]


def _unmarked_text(source: str) -> list[str]:
    """Text of TemplateData nodes read as HTML: what gettext never sees."""
    return [segment for segment in read_page(source).segments if _words(segment)]


def _unmarked_labels(tree: nodes.Template) -> list[str]:
    found = []
    for call in tree.find_all(nodes.Call):
        name = getattr(call.node, "name", None) or getattr(call.node, "attr", None)
        if name not in LABEL_CALLS:
            continue
        for arg in [*call.args, *(kw.value for kw in call.kwargs)]:
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str) and re.match(r"[A-Z][a-z]", arg.value):
                found.append(f"{name}(... {arg.value!r} ...)")
    return found


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_user_facing_string_is_marked(app, name):
    source = app.jinja_env.loader.get_source(app.jinja_env, name)[0]
    tree = app.jinja_env.parse(source)
    data = "".join(node.data for node in tree.find_all(nodes.TemplateData))
    problems = _unmarked_text(data) + _unmarked_labels(tree)
    assert not problems, f"templates/{name}: text outside _() or {{% trans %}}:\n" + "\n".join(problems)
