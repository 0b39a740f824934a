"""Drafts of a new obstacle that another module offers: "report this difficulty as an obstacle" in one click.

A module above the obstacles (assessments) registers a source under the name of its query-string argument
(``/obstacles/new?from_row=12&kind=legal``). The report form asks the source for a draft when it opens; the
source decides whether the user may see what it drafts from and answers None otherwise, so the form opens
empty. Nothing is written: the user reads the draft, changes it and reports the obstacle as usual.
"""

from collections.abc import Callable, Mapping
from typing import Any

# A draft: any of "title", "description", "kind", "instrument_id", "counterpart_ids" (the form's fields), and
# "source", a sentence saying where the draft comes from.
Draft = dict[str, Any]
Source = Callable[[Any, Mapping[str, str]], Draft | None]

_SOURCES: dict[str, Source] = {}
FIELDS = ("title", "description", "kind", "instrument_id", "counterpart_ids")


def prefill_source(argument: str, source: Source) -> None:
    """Let ``source(user, query_args)`` draft the form when the address carries ``argument``."""
    _SOURCES[argument] = source


def draft_for(user: Any, args: Mapping[str, str]) -> Draft | None:
    """The draft of the first registered source named in ``args``, or None."""
    for argument, source in _SOURCES.items():
        if argument in args:
            return source(user, args)
    return None


def apply_draft(form: Any, draft: Draft) -> None:
    """Put the draft into a form that was not submitted (the user's own input always wins)."""
    for name in FIELDS:
        if name in draft and name in form:
            form[name].data = draft[name]
