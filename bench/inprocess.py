"""Measured in-process, on the benchmark's database with the Flask test client: SQL queries per request,
response size, each page's own time (no server, no network), and the memory of the whole CSV export."""

import secrets
import time
import tracemalloc
from functools import partial
from typing import Any

from bench.seed import BENCH_EMAIL, BENCH_PASSWORD, BENCH_RECOVERY_CODES

# The export whose memory is measured: every obstacle (100,000 at full size), streamed.
WHOLE_EXPORT = "/obstacles/export.csv"


# In-process: SQL queries per request and response size -------------------------------------------------

def count_queries(database_url: str, paths: list[tuple[str, str, str]]) -> dict[str, dict[str, int]]:
    from sqlalchemy import event

    from app import create_app
    from app.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": secrets.token_hex(16)})
    figures: dict[str, dict[str, int]] = {}
    with app.app_context():
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        client = app.test_client()
        # buffered: each response is read to its end inside the request (a streamed export included).
        get = partial(client.get, buffered=True)
        client.post("/login", data={"email": BENCH_EMAIL, "password": BENCH_PASSWORD})
        client.post("/login/second-factor", data={"code": BENCH_RECOVERY_CODES[0]})
        for name, kind, path in paths:
            get(path)  # warm: first-use work (lookups cached per process) is not counted
            statements.clear()
            response = get(path)
            assert response.status_code == 200, (path, response.status_code)  # noqa: S101 - a broken page
            figures[name] = {"queries": len(statements), "bytes": len(response.data)}
            # One request at a time, no server, no network: the page's own cost, less sensitive to a busy machine.
            times = []
            for _ in range(5):
                started = time.perf_counter()
                get(path)
                times.append((time.perf_counter() - started) * 1000)
            figures[name]["in_process_ms"] = round(sorted(times)[2], 1)
            if kind == "export":
                figures[name].update(export_memory(client))
        engine = db.engine
    engine.dispose()
    return figures


def export_memory(client: Any) -> dict[str, Any]:
    """The peak of Python's allocations (tracemalloc) while the whole obstacle export, every row, is read
    chunk by chunk as a server sends it: flat when the export streams, growing with the rows when it does not."""
    tracemalloc.start()  # after the filtered export ran: lookups and compiled statements are not counted
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        response = client.get(WHOLE_EXPORT, buffered=False)
        lines = sum(chunk.count(b"\n") for chunk in response.response)
        response.close()
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    return {"memory_peak_mb": round(peak / 1024 / 1024, 1), "memory_rows": lines - 2}  # less marking, header
