"""Keeping the search documents current, and querying them safely on either engine.

Modules register how a record becomes a document (:func:`searchable`). A session hook rewrites the
documents of the records a flush inserted, changed or deleted, in the same transaction, so search is
never behind the data. ``flask search rebuild`` rewrites everything (after bulk loads).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import current_app
from flask_babel import LazyString
from markupsafe import Markup, escape
from sqlalchemy import event, literal_column, text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Session

from app.core.markings import may_read_restricted, restricted_ids
from app.extensions import db
from app.search.models import SearchDocument


@dataclass(frozen=True)
class Document:
    title: str
    body: str
    visibility: str = "all"
    owner_org_id: int | None = None


@dataclass(frozen=True)
class Searchable:
    record_type: str
    label: str | LazyString  # a lazy string (``_l``) shows in each reader's language
    model: type
    to_document: Callable[[Any], Document | None]  # None: not searchable (e.g. erased)
    url: Callable[[int], str]


REGISTRY: dict[str, Searchable] = {}
# Child record class -> function giving the parent records to re-index (agenda item -> meeting).
PARENTS: dict[type, Callable[[Any], Iterable[Any]]] = {}


def searchable(record_type: str, label: str | LazyString, model: type,
               to_document: Callable[[Any], Document | None], url: Callable[[int], str]) -> None:
    """Register a kind of record for search; ``label`` names its group of results (give it with ``_l``)."""
    REGISTRY[record_type] = Searchable(record_type, label, model, to_document, url)


def reindex_parent(child: type, parents: Callable[[Any], Iterable[Any]]) -> None:
    PARENTS[child] = parents


def _by_model() -> dict[type, Searchable]:
    return {entry.model: entry for entry in REGISTRY.values()}


def write_documents(session: Session, records: Iterable[Any], deleted: Iterable[Any] = ()) -> None:
    models = _by_model()
    table = SearchDocument.__table__
    connection = session.connection()
    for record in deleted:
        entry = models.get(type(record))
        if entry is not None and record.id is not None:
            connection.execute(table.delete().where(table.c.record_type == entry.record_type,
                                                    table.c.record_id == record.id))
    for record in records:
        entry = models.get(type(record))
        if entry is None or record.id is None:
            continue
        connection.execute(table.delete().where(table.c.record_type == entry.record_type,
                                                table.c.record_id == record.id))
        document = entry.to_document(record)
        if document is not None:
            connection.execute(table.insert().values(
                record_type=entry.record_type, record_id=record.id, title=document.title[:2000],
                body=document.body[:100_000], visibility=document.visibility, owner_org_id=document.owner_org_id,
                updated_at=datetime.now(UTC)))


@event.listens_for(Session, "after_flush")
def _keep_documents_current(session: Session, flush_context: Any) -> None:
    if not REGISTRY:
        return
    models = _by_model()
    changed: dict[tuple[type, int], Any] = {}
    for obj in list(session.new) + list(session.dirty):
        targets = [obj] if type(obj) in models else list(PARENTS.get(type(obj), lambda o: [])(obj))
        for target in targets:
            if target is not None and type(target) in models and target not in session.deleted:
                changed[(type(target), id(target))] = target
    for obj in session.deleted:
        for parent in PARENTS.get(type(obj), lambda o: [])(obj):
            if parent is not None and parent not in session.deleted:
                changed[(type(parent), id(parent))] = parent
    deleted = [obj for obj in session.deleted if type(obj) in models]
    if changed or deleted:
        write_documents(session, changed.values(), deleted)


def rebuild() -> int:
    """Rewrite every document (after a bulk load, or to recover). Returns how many were written."""
    db.session.execute(SearchDocument.__table__.delete())
    count = 0
    for entry in REGISTRY.values():
        offset = 0
        while True:
            batch = db.session.scalars(db.select(entry.model).order_by(entry.model.id).offset(offset).limit(500)).all()
            if not batch:
                break
            write_documents(db.session, batch)
            count += len(batch)
            offset += len(batch)
            db.session.expunge_all()
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
    return count


# Queries ----------------------------------------------------------------------------------------------

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12
START, STOP = "\x02", "\x03"  # highlight markers, never in user text (control characters are refused)


def words_of(query: str) -> list[str]:
    """The words of a user's query: operators, quotes and punctuation are dropped, never interpreted."""
    return [w for w in WORD.findall(query.replace("_", " ")) if w][:MAX_WORDS]


def highlight(fragment: str | None) -> Markup:
    """Escape the engine's text, then turn its markers into <mark>: no HTML from the data survives."""
    html = str(escape(fragment or "")).replace(START, "<mark>").replace(STOP, "</mark>")
    # Escaped just above; only our own <mark> tags are added.
    return Markup(html)  # noqa: S704  # nosec B704


def _restricted_hidden(user: Any) -> Any:
    """Documents of records under a restricted marking, left out for readers outside the core group: read from
    the records themselves (every registered model with a marking), so a marking changed or made restricted
    applies at once, without re-indexing."""
    if may_read_restricted(user):
        return db.true()
    table = SearchDocument.__table__
    conditions = [
        ~((table.c.record_type == entry.record_type)
          & table.c.record_id.in_(db.select(entry.model.id).where(entry.model.marking_id.in_(restricted_ids()))))
        for entry in REGISTRY.values() if hasattr(entry.model, "marking_id")
    ]
    return db.and_(db.true(), *conditions)


def _visible(user: Any) -> Any:
    table = SearchDocument.__table__
    if getattr(user, "is_admin", False):
        return db.true()
    return db.and_(db.or_(table.c.visibility == "all", table.c.owner_org_id == user.organisation_id),
                   _restricted_hidden(user))


def _fts_query(words: list[str]) -> str:
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


def _match() -> Any:
    """The engine's full-text condition; its parameter is bound by the caller (:q on PostgreSQL, :fts on SQLite)."""
    if db.engine.dialect.name == "postgresql":
        tsv = literal_column("search_documents.tsv", type_=TSVECTOR)
        return tsv.op("@@")(db.func.plainto_tsquery("english", db.bindparam("q")))
    return text("search_fts MATCH :fts")


def _params(words: list[str]) -> dict[str, str]:
    if db.engine.dialect.name == "postgresql":
        return {"q": " ".join(words)}
    return {"fts": _fts_query(words)}


def _from() -> Any:
    table = SearchDocument.__table__
    if db.engine.dialect.name == "postgresql":
        return table
    return table.join(text("search_fts"), text("search_fts.rowid = search_documents.id"))


def count_matches(user: Any, words: list[str]) -> dict[str, int] | None:
    """The number of matches the user may see, per record type, in one query (plus one on SQLite).

    None when the words match more than ``SEARCH_RANK_LIMIT`` documents (a very common word): ranking and
    counting every match is work that grows with the data, so such a search shows the newest matches
    instead, and "many". The check itself stops counting at the limit on PostgreSQL.
    """
    if not words:
        return {}
    params = _params(words)
    limit = current_app.config["SEARCH_RANK_LIMIT"]
    if db.engine.dialect.name == "postgresql":
        candidates = db.select(SearchDocument.__table__.c.id).where(_match()).limit(limit + 1).subquery()
        matches = db.session.scalar(db.select(db.func.count()).select_from(candidates), params)
    else:
        matches = db.session.scalar(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :fts"), params)
    if matches > limit:
        return None
    table = SearchDocument.__table__
    rows = db.session.execute(
        db.select(table.c.record_type, db.func.count()).select_from(_from())
        .where(_match(), _visible(user)).group_by(table.c.record_type), params)
    return {record_type: count for record_type, count in rows}


def search(user: Any, words: list[str], record_type: str, *, limit: int, offset: int = 0,
           totals: dict[str, int] | None) -> tuple[int | None, list[dict]]:
    """(total, rows) of one record type, best first; each row has record_id, title and snippet (Markup).

    ``totals`` comes from :func:`count_matches` for the same words and user; when it is None (too many matches
    on SQLite) the rows are the newest matches and the total is None ("many"). A kind with no match costs
    no query.
    """
    if not words:
        return 0, []
    if totals is None:
        if db.engine.dialect.name == "postgresql":
            return None, _newest_matches_postgresql(user, words, record_type, limit, offset)
        return None, _newest_matches(user, _fts_query(words), record_type, limit, offset)
    total = totals.get(record_type, 0)
    if total == 0 or offset >= total:
        return total, []
    table = SearchDocument.__table__
    where = [table.c.record_type == record_type, _visible(user), _match()]
    if db.engine.dialect.name == "postgresql":
        tsv = literal_column("search_documents.tsv", type_=TSVECTOR)
        tsquery = db.func.plainto_tsquery("english", db.bindparam("q"))
        options = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2"
        title = db.func.ts_headline("english", table.c.title, tsquery, f"StartSel={START}, StopSel={STOP}, "
                                    "HighlightAll=true")
        snippet = db.func.ts_headline("english", table.c.body, tsquery, options)
        statement = (db.select(table.c.record_id, title.label("title"), snippet.label("snippet"))
                     .where(*where).order_by(db.func.ts_rank_cd(tsv, tsquery).desc(), table.c.id.desc()))
    else:
        statement = (db.select(
            table.c.record_id,
            text(f"highlight(search_fts, 0, '{START}', '{STOP}') AS title"),
            text(f"snippet(search_fts, 1, '{START}', '{STOP}', '…', 24) AS snippet"),
        ).select_from(_from()).where(*where).order_by(text("bm25(search_fts, 8.0, 1.0)"), table.c.id.desc()))
    rows = db.session.execute(statement.limit(limit).offset(offset), _params(words)).all()
    return total, [{"record_id": r.record_id, "title": highlight(r.title), "snippet": highlight(r.snippet)}
                   for r in rows]


def _newest_matches(user: Any, fts_query: str, record_type: str, limit: int, offset: int) -> list[dict]:
    """SQLite, very common words: walk this kind's documents from the newest down, keeping those that match.

    CROSS JOIN fixes the join order (documents first, by the index on record_type and record_id), so the walk
    stops as soon as a page is full instead of ranking every match.
    """
    visible = "1 = 1" if getattr(user, "is_admin", False) else (
        "(search_documents.visibility = 'all' OR search_documents.owner_org_id = :org) AND "
        # Our own registered record types and constants only (literal binds), no user input.
        + str(_restricted_hidden(user).compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True})))
    # Only our own constants and placeholders go into the text.
    statement = text(
        f"SELECT search_documents.record_id, highlight(search_fts, 0, '{START}', '{STOP}') AS title, "  # noqa: S608 # nosec B608 - constants and bound parameters only
        f"snippet(search_fts, 1, '{START}', '{STOP}', '…', 24) AS snippet "
        "FROM search_documents CROSS JOIN search_fts ON search_fts.rowid = search_documents.id "
        f"WHERE search_documents.record_type = :record_type AND {visible} AND search_fts MATCH :fts "
        "ORDER BY search_documents.record_id DESC LIMIT :limit OFFSET :offset")
    params = {"record_type": record_type, "fts": fts_query, "limit": limit, "offset": offset}
    if "org" in visible:
        params["org"] = user.organisation_id
    rows = db.session.execute(statement, params).all()
    return [{"record_id": r.record_id, "title": highlight(r.title), "snippet": highlight(r.snippet)} for r in rows]


def _newest_matches_postgresql(user: Any, words: list[str], record_type: str, limit: int,
                               offset: int) -> list[dict]:
    """PostgreSQL, very common words: this kind's newest matching documents, by the index on record type
    and record id, without ranking every match."""
    table = SearchDocument.__table__
    tsquery = db.func.plainto_tsquery("english", db.bindparam("q"))
    title = db.func.ts_headline("english", table.c.title, tsquery, f"StartSel={START}, StopSel={STOP}, "
                                "HighlightAll=true")
    snippet = db.func.ts_headline("english", table.c.body, tsquery, f"StartSel={START}, StopSel={STOP}, "
                                  "MaxWords=30, MinWords=12, MaxFragments=2")
    rows = db.session.execute(
        db.select(table.c.record_id, title.label("title"), snippet.label("snippet"))
        .where(table.c.record_type == record_type, _visible(user), _match())
        .order_by(table.c.record_id.desc()).limit(limit).offset(offset), _params(words)).all()
    return [{"record_id": r.record_id, "title": highlight(r.title), "snippet": highlight(r.snippet)} for r in rows]
