"""What the harness reads from the application: the forms of a page (fields, kinds, current values), the state of
the database (to prove a refused post wrote nothing), and the pages that show a saved record again."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from hypothesis import strategies as st

from app.extensions import db
from tests.fuzz import strategies as fs

# <input type=...> -> kind of value; any other type (text, search, email, url, tel, password) is one line of text.
_INPUT_KINDS = {"number": "int", "date": "date", "datetime-local": "datetime", "checkbox": "checkbox",
                "radio": "radio", "hidden": "hidden", "submit": "submit", "file": "file"}


@dataclass
class Field:
    name: str
    kind: str  # line, text (a textarea), int, date, datetime, select, checkbox, radio, hidden, submit
    values: list[str] = field(default_factory=list)  # what the page sends as it is (selected, ticked, filled in)
    options: list[str] = field(default_factory=list)  # the values a select, radio or box group offers
    multiple: bool = False

    def strategy(self) -> st.SearchStrategy[Any]:
        """Values a user, a broken browser or a forged request could post for this field."""
        if self.kind in ("select", "radio", "checkbox"):
            one = st.one_of(st.sampled_from(self.options), fs.GARBAGE) if self.options else fs.GARBAGE
            if self.multiple or self.kind == "checkbox":
                return st.one_of(st.lists(one, max_size=3), fs.EMPTY)
            return st.one_of(one, fs.EMPTY)
        return {"int": fs.INTEGERS, "date": fs.DATES, "datetime": fs.DATETIMES,
                "hidden": st.one_of(fs.INTEGERS, fs.TEXT)}.get(self.kind, fs.TEXT)

    def edges(self) -> list[Any]:
        """The values tried for this field alone in every run, before the generated ones: left empty, and the edge
        of its kind (a line break, a number beyond every integer column, the last day of year 9999)."""
        edge = {"line": "a\r\nb", "text": "a\r\nb", "int": str(2**63), "date": "9999-12-31",
                "datetime": "9999-12-31T23:59", "select": str(2**63), "radio": str(2**63),
                "hidden": str(2**63)}.get(self.kind)
        return ["" if self.kind != "checkbox" else fs.ABSENT] + ([edge] if edge else [])


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons: (name, value)
    formactions: list[str] = field(default_factory=list)  # buttons that post the same fields elsewhere

    def data(self) -> dict[str, Any]:
        """What the browser posts for the form as the page shows it, with its first named button."""
        values: dict[str, Any] = {name: f.values if f.multiple or f.kind == "checkbox" else f.values[0]
                                  for name, f in self.fields.items() if f.values}
        if self.buttons:
            values.setdefault(*self.buttons[0])
        return values


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: Field | None = None
        self._option: str | None = None
        self._textarea: Field | None = None

    def _field(self, name: str, kind: str, multiple: bool = False) -> Field:
        fields = self.forms[-1].fields
        if name not in fields:
            fields[name] = Field(name, kind, multiple=multiple)
        return fields[name]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form((a.get("method") or "get").upper(), a.get("action", "")))
            return
        if tag in ("button", "input") and a.get("formaction") and self.forms:
            self.forms[-1].formactions.append(a["formaction"])
        if tag == "option" and self._select is not None:
            self._option = a.get("value")
            if self._option is not None:
                self._select.options.append(self._option)
                if "selected" in a:
                    self._select.values.append(self._option)
            return
        if not self.forms or not a.get("name") or a["name"] == "csrf_token":
            return
        name = a["name"]
        if tag == "button" and a.get("type", "submit") == "submit":
            self.forms[-1].buttons.append((name, a.get("value", "")))
        elif tag == "input":
            kind = _INPUT_KINDS.get(a.get("type", "text").lower(), "line")
            if kind == "file":
                return  # uploads have their own hostile tests (tests/security/test_hostile_uploads.py)
            if kind == "submit":
                self.forms[-1].buttons.append((name, a.get("value", "")))
                return
            f = self._field(name, kind)
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio"):
                f.options.append(value)
                if "checked" in a:
                    f.values.append(value)
            else:
                f.values = [value]
        elif tag == "select":
            self._select = self._field(name, "select", multiple="multiple" in a)
        elif tag == "textarea":
            self._textarea = self._field(name, "text")
            self._textarea.values = [""]

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.values[0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            if not self._select.values and self._select.options and not self._select.multiple:
                self._select.values = [self._select.options[0]]  # what a browser sends with nothing selected
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser keeps the newline that follows <textarea>; a browser drops it.
            self._textarea.values[0] = self._textarea.values[0].removeprefix("\n")
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


# Changed by every request or by a refusal itself: the session's last activity, the log-in throttle, the security
# log of refusals.
_VOLATILE_TABLES = {"user_sessions", "failed_logins"}
_VOLATILE_COLUMNS = {"last_seen_at", "last_login_at"}
_REFUSAL_EVENTS = ("refused", "failed_login", "failed_reauthentication")


def snapshot() -> dict[str, list[str]]:
    """Every row of the database a refused form must leave as it was."""
    state = {}
    for table in db.metadata.sorted_tables:
        if table.name in _VOLATILE_TABLES:
            continue
        query = db.select(*(c for c in table.columns if c.name not in _VOLATILE_COLUMNS))
        if table.name == "audit_events":
            query = query.where(table.c.action.notin_(_REFUSAL_EVENTS))
        state[table.name] = sorted(repr(tuple(row)) for row in db.session.execute(query))
    db.session.rollback()
    return state


def changed_tables(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    return sorted(name for name in before if before[name] != after[name])


_MEETING = re.compile(r"^/meetings/(\d+)")


def pages_showing(url: str, location: str) -> list[str]:
    """After an accepted post: the page it sent the user to and its module's list; for a meeting also its page,
    its .ics, the calendar feed (the personal feed answers from the same code) and the dashboard's next
    meeting, where a saved value may break only later."""
    location = re.sub(r"^https?://[^/]+", "", location).split("#")[0]
    pages = [p for p in (location, "/" + url.strip("/").split("/")[0] + "/") if p]
    meeting = _MEETING.match(location) or _MEETING.match(url)
    if meeting:
        pages += [f"/meetings/{meeting.group(1)}", f"/meetings/{meeting.group(1)}.ics", "/meetings/calendar.ics", "/"]
    return list(dict.fromkeys(pages))
