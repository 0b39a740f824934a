"""Pagination of a select statement, with links that keep the current filters.

Large lists stay fast at any depth: the page's ids are found first with a query on the id alone (which a
covering index answers without reading the rows, however many it skips), then only those rows are loaded, by
id alone (the filters are not run twice), with the statement's loader options (everything the page shows). A
statement given to ``paginate`` therefore loads its rows through options that do not depend on its own joins
(``selectinload``/``joinedload``, not ``contains_eager``). The total is counted on ids too, and remembered for
a short while per process (``PAGE_COUNT_SECONDS``), keyed on the statement's cache key and bound values:
an exact count of a large table on every page view is the one cost that grows with the data. Any change
written through this process forgets the remembered counts at once.
"""

import time
from threading import Lock
from typing import Any

from flask import current_app, request, url_for
from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import Select, event, func, select
from sqlalchemy.orm import Session

from app.core.limits import to_number
from app.extensions import db

_COUNTS: dict[tuple[Any, ...], tuple[float, int]] = {}
_COUNTS_LOCK = Lock()
_MAX_REMEMBERED = 2_000


@event.listens_for(Session, "after_flush")
def _forget_counts(session: Session, flush_context: Any) -> None:
    with _COUNTS_LOCK:
        _COUNTS.clear()


def page_number() -> int:
    """The ``page`` query argument; anything that is not a number from 1 to 999,999 means the first page."""
    return to_number(request.args.get("page"), 1, 999_999) or 1


def _entity(statement: Select[Any]) -> Any:
    """The one mapped class a list statement returns (with an ``id``), or None for anything else."""
    descriptions = statement.column_descriptions
    if len(descriptions) != 1:
        return None
    entity = descriptions[0].get("entity")
    return entity if entity is not None and descriptions[0].get("type") is entity and hasattr(entity, "id") else None


def _ids_only(statement: Select[Any], entity: Any) -> Select[Any]:
    narrow = statement.with_only_columns(entity.id, maintain_column_froms=True)
    narrow._with_options = ()  # loader options belong to the full rows, loaded afterwards
    return narrow


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list | tuple | set | frozenset) else value


def _count_key(session: Session, count: Select[Any]) -> tuple[Any, ...]:
    """The statement's own cache key (its structure, as SQLAlchemy's compiled-SQL cache knows it) and its bound
    values: building it walks the statement once, where compiling it to text cost a full compilation."""
    bind = session.get_bind()
    cache_key = count._generate_cache_key()
    if cache_key is None:  # a statement SQLAlchemy cannot cache: its text is the key
        compiled = count.compile(bind=bind)
        return id(bind), str(compiled), repr(sorted(compiled.params.items()))
    return id(bind), cache_key.key, tuple(_hashable(p.effective_value) for p in cache_key.bindparams)


class IdsFirstPagination(SelectPagination):
    def _count(self) -> tuple[Select[Any], tuple[Any, ...] | None]:
        """The count statement and its key. The key is taken before anything runs: the ORM's first compilation
        of a statement (a compiled-SQL cache miss) annotates shared subqueries such as the markings filter in
        place, which changes the key of everything built on them afterwards, in that request only."""
        if not hasattr(self, "_count_and_key"):
            statement: Select[Any] = self._query_args["select"]
            ids = _ids_only(statement, _entity(statement)).order_by(None).subquery()
            count = select(func.count()).select_from(ids)
            remembered = current_app.config.get("PAGE_COUNT_SECONDS")
            key = _count_key(self._query_args["session"], count) if remembered else None
            self._count_and_key = (count, key)
        return self._count_and_key

    def _query_items(self) -> list[Any]:
        statement: Select[Any] = self._query_args["select"]
        entity = _entity(statement)
        if entity is None:
            return super()._query_items()
        session = self._query_args["session"]
        self._count()
        ids = list(session.scalars(_ids_only(statement, entity).limit(self.per_page).offset(self._query_offset)))
        if not ids:
            return []
        rows = select(entity).where(entity.id.in_(ids)).options(*statement._with_options)
        by_id = {row.id: row for row in session.execute(rows).unique().scalars()}
        return [by_id[i] for i in ids if i in by_id]  # in the list's order; a row deleted meanwhile is left out

    def _query_count(self) -> int:
        statement: Select[Any] = self._query_args["select"]
        entity = _entity(statement)
        if entity is None:
            return super()._query_count()
        session = self._query_args["session"]
        count, key = self._count()
        seconds = current_app.config.get("PAGE_COUNT_SECONDS", 0)
        if not seconds or key is None:
            return session.scalar(count)
        now = time.monotonic()
        remembered = _COUNTS.get(key)
        if remembered is not None and now - remembered[0] < seconds:
            return remembered[1]
        total = session.scalar(count)
        with _COUNTS_LOCK:
            if len(_COUNTS) >= _MAX_REMEMBERED:
                _COUNTS.clear()
            _COUNTS[key] = (now, total)
        return total


def paginate(statement: Select[Any], *, per_page: int | None = None) -> Pagination:
    return IdsFirstPagination(
        select=statement,
        session=db.session(),
        page=page_number(),
        per_page=per_page or current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
        count=True,
    )


def page_url(page: int) -> str:
    """The current URL with ``page`` replaced, every other query argument kept."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)
