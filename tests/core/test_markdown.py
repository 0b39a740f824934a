import re

import pytest

from app.core.markdown import render_markdown


def test_markdown_renders_the_usual_formatting():
    html = render_markdown("## Context\n\n**bold** and [a link](https://example.org)\n\n- one\n- two")
    assert "<h2>Context</h2>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">a link</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        "<iframe src=https://example.org></iframe>",
    ],
)
def test_hostile_markdown_renders_inert(hostile):
    html = str(render_markdown(hostile)).lower()
    tags = re.findall(r"<([a-z0-9]+)([^>]*)>", html)
    assert {name for name, _ in tags} <= {"p", "a"}, html  # no script, img, iframe: at most shown as text
    for _name, attributes in tags:
        assert "javascript:" not in attributes
        assert "data:" not in attributes
        assert "on" + "error" not in attributes


def test_empty_markdown_is_empty():
    assert render_markdown(None) == ""
    assert render_markdown("") == ""
