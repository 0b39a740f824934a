"""The French catalogue is complete: every string the code and the templates mark has a French translation
that keeps its placeholders, and the catalogue holds nothing the code no longer marks."""

import re

from tests.i18n.checks import french, marked_strings

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def _translations(message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def test_every_marked_string_has_a_french_translation():
    catalogue = french()
    missing = []
    for (context, msgid), places in marked_strings().items():
        message = catalogue.get(msgid, context=context)
        if message is None or "fuzzy" in message.flags or not all(_translations(message)):
            missing.append(f"{places[0]}: {msgid!r}")
    assert not missing, (f"{len(missing)} strings without a French translation (run `make translations`, then "
                         "translate them in app/translations/fr/LC_MESSAGES/messages.po):\n" + "\n".join(missing[:60]))


def test_translations_keep_the_placeholders():
    wrong = []
    for message in french():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        expected = {m.group(1) or m.group(2) for m in PLACEHOLDER.finditer(ids[-1])}
        plural = len(ids) > 1
        for text in _translations(message):
            found = {m.group(1) or m.group(2) for m in PLACEHOLDER.finditer(text or "")}
            # A plural's singular may leave the number out ("Un commentaire"), never add a placeholder.
            if text and (found - expected if plural else found != expected):
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert not wrong, "translations that lose or add a placeholder:\n" + "\n".join(wrong)


def test_the_catalogue_holds_only_strings_the_code_marks():
    marked = marked_strings()
    stale = [m.id for m in french() if m.id and (m.context, m.id if isinstance(m.id, str) else m.id[0]) not in marked]
    assert not stale, "catalogue entries no longer in the code (run `make translations`):\n" + "\n".join(
        repr(s) for s in stale[:40])
