from flask import current_app, request
from flask_login import current_user

from app.core.htmx import render
from app.core.i18n import _
from app.core.pagination import page_number
from app.search import bp
from app.search.index import MAX_WORDS, REGISTRY, count_matches, search, words_of

MAX_QUERY = 200  # characters considered; a longer query is cut, and the page says so
GROUP_SIZE = 5


@bp.route("/search")
def index():
    """Search all modules; results grouped by kind of record, best first, a page per kind."""
    raw = request.args.get("q", "")
    only = request.args.get("type", "")
    notices = []
    if len(raw) > MAX_QUERY:
        notices.append(_("Your search was longer than %(max)s characters; only the beginning was used.",
                         max=MAX_QUERY))
    words = words_of(raw[:MAX_QUERY])
    if raw.strip() and not words:
        notices.append(_("Type at least one word or number: punctuation and operators alone find nothing."))
    if len(words_of(raw[:MAX_QUERY])) >= MAX_WORDS:
        notices.append(_("Only the first %(max)s words were used.", max=MAX_WORDS))
    if only and only not in REGISTRY:
        notices.append(_("There is no such kind of record; all kinds are shown."))
        only = ""
    groups = []
    per_page = current_app.config["ITEMS_PER_PAGE"]
    page = page_number()
    totals = count_matches(current_user, words)
    for record_type, entry in REGISTRY.items():
        if only and record_type != only:
            continue
        limit = per_page if only else GROUP_SIZE
        offset = (page - 1) * per_page if only else 0
        total, rows = search(current_user, words, record_type, limit=limit, offset=offset, totals=totals)
        for row in rows:
            row["url"] = entry.url(row["record_id"])
        if total is None:  # too many matches to rank and count: the newest first, a page at a time
            pages = page + 1 if len(rows) == limit else page
        else:
            pages = max(1, -(-total // per_page))
        groups.append({"type": record_type, "label": entry.label, "total": total, "rows": rows,
                       "pages": pages if only else 1})
    return render("search/index.html", "search/_results.html", q=raw[:MAX_QUERY], words=words, groups=groups,
                  only=only, page=page, notices=notices, searched=bool(words))
