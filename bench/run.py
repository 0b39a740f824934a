"""Seed a scratch database, serve it with gunicorn on loopback, load each page with wrk, write results.json.

Run by ``make bench`` (SIZE=small for the quick run). Every page is loaded alternately with ``/healthz``
(A, B, A, B) on the same server, so throughput is reported as a ratio to that floor; SQL queries and the
response size of each page are counted in-process on the same database. Nothing leaves 127.0.0.1.
"""

import argparse
import http.client
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import create_engine, make_url, text

from bench.seed import (
    BENCH_EMAIL,
    BENCH_FEED_TOKEN,
    BENCH_PASSWORD,
    BENCH_RECOVERY_CODES,
    COMMON_WORD,
    RARE_WORD,
    TWO_WORDS,
    seed,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
CONNECTIONS = 8
DURATION = int(os.environ.get("BENCH_DURATION", "2"))  # seconds per wrk run
WORKERS = os.cpu_count() or 2  # the README's production advice: one worker per core

# The targets of issue 10, checked against the figures and shown beside them.
TARGET_RATIO, TARGET_P95_MS, TARGET_SEARCH_P95_MS = 0.30, 30.0, 50.0
TARGET_GROWTH, TARGET_QUERIES, TARGET_RSS_MB, TARGET_PG_RATIO = 1.5, 12, 150.0, 0.15


# The pages ---------------------------------------------------------------------------------------------

def endpoints(ids: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, kind, path): kind is list, detail, search or other (the targets differ by kind)."""
    deep = ids["deep"]
    return [
        ("dashboard", "other", "/"),
        ("obstacles", "list", "/obstacles/"),
        ("obstacles filtered", "list", "/obstacles/?" + urlencode({"status": "open", "kind": "legal"})),
        ("obstacles deep page", "list", f"/obstacles/?page={deep['obstacles']}"),
        ("obstacle detail", "detail", f"/obstacles/{ids['obstacle']}"),
        ("practices", "list", "/practices/"),
        ("practices filtered", "list", "/practices/?" + urlencode({"topic": "channels", "country": "IT"})),
        ("practices deep page", "list", f"/practices/?page={deep['practices']}"),
        ("practice detail", "detail", f"/practices/{ids['practice']}"),
        ("experts", "list", "/experts/"),
        ("experts filtered", "list", "/experts/?" + urlencode({"expertise": ids["expertise"], "language": "fr"})),
        ("experts deep page", "list", f"/experts/?page={deep['experts']}"),
        ("expert detail", "detail", f"/experts/{ids['expert']}"),
        ("nominations", "list", "/nominations/"),
        ("nominations filtered", "list", "/nominations/?status=under_review"),
        ("nominations deep page", "list", f"/nominations/?page={deep['nominations']}"),
        ("nomination detail", "detail", f"/nominations/{ids['nomination']}"),
        ("trainings", "list", "/trainings/"),
        ("trainings filtered", "list", "/trainings/?status=delivered"),
        ("trainings deep page", "list", f"/trainings/?status=delivered&page={deep['trainings']}"),
        ("training detail", "detail", f"/trainings/{ids['training']}"),
        ("meetings", "list", "/meetings/"),
        ("meetings past", "list", "/meetings/?when=past"),
        ("meetings deep page", "list", f"/meetings/?when=past&page={deep['meetings']}"),
        ("meeting detail", "detail", f"/meetings/{ids['meeting']}"),
        ("search rare word", "search", "/search?" + urlencode({"q": RARE_WORD})),
        ("search common word", "search", "/search?" + urlencode({"q": COMMON_WORD})),
        ("search two words", "search", "/search?" + urlencode({"q": TWO_WORDS})),
        ("month calendar", "other", "/calendar?month=2026-11"),
        ("calendar feed", "other", f"/calendar/feed/{BENCH_FEED_TOKEN}.ics"),
        ("obstacles CSV export", "other", "/obstacles/export.csv?" + urlencode({"country": "IT", "status": "open",
                                                                              "kind": "legal"})),
    ]


def pick_ids(database_url: str) -> dict[str, Any]:
    """Records in the middle of the data for the detail pages, and a page 80% of the way down each list."""
    engine = create_engine(database_url)
    with engine.connect() as c:
        def one(sql: str) -> Any:
            return c.execute(text(sql)).scalar()

        def deep(count_sql: str) -> int:
            return max(1, math.ceil((one(count_sql) or 1) / 25 * 0.8))

        ids = {
            "obstacle": one("SELECT obstacle_id FROM obstacle_comments GROUP BY obstacle_id "
                            "HAVING count(*) = 6 ORDER BY obstacle_id LIMIT 1"),
            "practice": one("SELECT practice_id FROM practice_adoptions GROUP BY practice_id "
                            "HAVING count(*) = 3 ORDER BY practice_id LIMIT 1"),
            "expert": one("SELECT expert_id FROM training_trainers ORDER BY expert_id LIMIT 1"),
            "nomination": one("SELECT id FROM nominations WHERE status = 'under_review' ORDER BY id LIMIT 1"),
            "training": one("SELECT id FROM training_activities WHERE status = 'delivered' ORDER BY id LIMIT 1"),
            "meeting": one("SELECT id FROM meetings WHERE status = 'minutes_published' ORDER BY starts_at DESC "
                           "LIMIT 1"),
            "expertise": one("SELECT expertise_areas FROM experts ORDER BY id LIMIT 1").split(",")[0],
            "deep": {
                "obstacles": deep("SELECT count(*) FROM obstacles"),
                "practices": deep("SELECT count(*) FROM best_practices WHERE status IN ('submitted', 'endorsed')"),
                "experts": deep("SELECT count(*) FROM experts WHERE status = 'active'"),
                "nominations": deep("SELECT count(*) FROM nominations"),
                "trainings": deep("SELECT count(*) FROM training_activities WHERE status = 'delivered'"),
                "meetings": deep("SELECT count(*) FROM meetings WHERE ends_at < CURRENT_TIMESTAMP"),
            },
        }
    engine.dispose()
    return ids


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
        client.post("/login", data={"email": BENCH_EMAIL, "password": BENCH_PASSWORD})
        client.post("/login/second-factor", data={"code": BENCH_RECOVERY_CODES[0]})
        for name, _kind, path in paths:
            client.get(path)  # warm: first-use work (lookups cached per process) is not counted
            statements.clear()
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)  # noqa: S101 - a broken page
            figures[name] = {"queries": len(statements), "bytes": len(response.data)}
            # One request at a time, no server, no network: the page's own cost, less sensitive to a busy machine.
            times = []
            for _ in range(5):
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            figures[name]["in_process_ms"] = round(sorted(times)[2], 1)
        engine = db.engine
    engine.dispose()
    return figures


# The server and the load ---------------------------------------------------------------------------------

def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(database_url: str, workdir: Path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(32),
           "FLASK_SPOC_ENV": "production", "PYTHONDONTWRITEBYTECODE": "1"}
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - our own fixed command line
        # The production settings the README recommends (gunicorn.conf.py), on a loopback port.
        [str(Path(sys.executable).parent / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "--workers", str(WORKERS),
         "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT), "wsgi:app"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")
        yield port, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body, response.headers


def _post_form(port: int, path: str, cookie: str, fields: dict[str, str]) -> tuple[int, str]:
    """GET a form page for its CSRF token, POST the fields; (status, the new session cookie)."""
    _status, body, headers = get(port, path, {"Cookie": cookie} if cookie else None)
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body)
    if token is None:
        raise RuntimeError(f"no form with a CSRF token on {path}")
    if headers.get("Set-Cookie"):  # the CSRF token went into a new session cookie
        cookie = headers["Set-Cookie"].split(";")[0]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", path, body=urlencode({"csrf_token": token.group(1).decode(), **fields}),
                 headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    cookies = [v.split(";")[0] for k, v in response.getheaders() if k.lower() == "set-cookie"]
    conn.close()
    return response.status, "; ".join(cookies) or cookie


def log_in(port: int) -> str:
    """Log in through the real forms, password then a recovery code; returns the Cookie header for wrk."""
    status, cookie = _post_form(port, "/login", "", {"email": BENCH_EMAIL, "password": BENCH_PASSWORD})
    if status not in (302, 303):
        raise RuntimeError(f"log-in failed with status {status}")
    status, cookie = _post_form(port, "/login/second-factor", cookie, {"code": BENCH_RECOVERY_CODES[1]})
    if status not in (302, 303):
        raise RuntimeError(f"the second factor failed with status {status}")
    return cookie


def wrk(port: int, path: str, cookie: str) -> dict[str, Any]:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "30s", "-s",
               str(ROOT / "bench" / "report.lua"), "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line[6:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def rss_of_workers(master: int) -> list[dict[str, float]]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    workers = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kb = {k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.+)$", status, re.M)}
        workers.append({"pid": int(pid), "rss_mb": round(kb["VmRSS"] / 1024, 1),
                        "peak_rss_mb": round(kb["VmHWM"] / 1024, 1)})
    return workers


def load(port: int, cookie: str, pages: list[tuple[str, str, str]]) -> dict[str, Any]:
    results = {}
    for name, kind, path in pages:
        try:
            status, _body, _ = get(port, path, {"Cookie": cookie})
            if status != 200:
                raise RuntimeError(f"{name}: {path} answered {status}")
            floor_runs, page_runs = [], []
            for _ in range(2):  # A, B, A, B
                floor_runs.append(wrk(port, "/healthz", cookie))
                page_runs.append(wrk(port, path, cookie))
            if not all(r["requests"] for r in page_runs):
                raise TimeoutError("no request completed within the run")
        except (OSError, subprocess.CalledProcessError) as error:  # TimeoutError is an OSError
            # A page too slow for the run: recorded as a miss at wrk's timeout, and the run goes on.
            print(f"  {name:24} FAILED: {error}", flush=True)
            results[name] = {"kind": kind, "path": path, "rps": 0.0, "healthz_rps": 0.0, "ratio": 0.0,
                             "p50_ms": 30000.0, "p95_ms": 30000.0, "p99_ms": 30000.0, "errors": 1,
                             "failure": str(error)}
            time.sleep(10)  # let the workers finish what is queued
            continue
        floor = sum(r["rps"] for r in floor_runs) / 2
        rps = sum(r["rps"] for r in page_runs) / 2
        errors = sum(r["errors"] + r["non_2xx"] for r in page_runs)

        def ms(key: str, runs: list = page_runs) -> float:
            return round(max(r[key] for r in runs) / 1000, 1)  # the worse of the two runs

        results[name] = {"kind": kind, "path": path, "rps": round(rps, 1), "healthz_rps": round(floor, 1),
                         "ratio": round(rps / floor, 3), "p50_ms": ms("p50_us"), "p95_ms": ms("p95_us"),
                         "p99_ms": ms("p99_us"), "errors": errors}
        print(f"  {name:24} {rps:7.1f} req/s  {rps / floor:5.2f}x  p95 {ms('p95_us'):6.1f} ms", flush=True)
    return results


# One pass: one engine, one size ------------------------------------------------------------------------

@contextmanager
def scratch_database(engine_name: str, size: str, workdir: Path):
    if engine_name == "sqlite":
        yield f"sqlite:///{workdir / f'bench-{size}.db'}"
        return
    admin_url = make_url(os.environ["DATABASE_URL"])
    name = f"spoc_bench_{size}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def one_pass(engine_name: str, size: str, workdir: Path) -> dict[str, Any]:
    print(f"\n== {engine_name}, SIZE={size}: seeding", flush=True)
    with scratch_database(engine_name, size, workdir) as url:
        seeded = seed(url, size)
        print(f"   seeded in {seeded['total_seconds']} s: {seeded['counts']}", flush=True)
        ids = pick_ids(url)
        pages = endpoints(ids)
        in_process = count_queries(url, pages)
        with server(url, workdir) as (port, master):
            cookie = log_in(port)
            results = load(port, cookie, pages)
            workers = rss_of_workers(master)
    for name, figures in in_process.items():
        results[name].update(figures)
    return {"engine": engine_name, "size": size, "seed": seeded, "endpoints": results, "workers": workers,
            "peak_rss_mb": max(w["peak_rss_mb"] for w in workers)}


# Checking and printing -----------------------------------------------------------------------------------

def check(run: dict[str, Any], small: dict[str, Any] | None) -> list[str]:
    """The targets this run misses, one sentence each; also marks each endpoint's row."""
    misses = []
    postgres = run["engine"] == "postgresql"
    for name, e in run["endpoints"].items():
        notes = []
        if e["queries"] > TARGET_QUERIES:
            notes.append(f"{e['queries']} queries > {TARGET_QUERIES}")
        if e["errors"]:
            notes.append(f"{e['errors']} errors")
        if postgres:
            if e["ratio"] < TARGET_PG_RATIO:
                notes.append(f"ratio {e['ratio']} < {TARGET_PG_RATIO}")
        elif run["size"] == "full":
            if e["kind"] in ("list", "detail"):
                if e["ratio"] < TARGET_RATIO:
                    notes.append(f"ratio {e['ratio']} < {TARGET_RATIO}")
                if e["p95_ms"] > TARGET_P95_MS:
                    notes.append(f"p95 {e['p95_ms']} > {TARGET_P95_MS} ms")
            if e["kind"] == "search" and e["p95_ms"] > TARGET_SEARCH_P95_MS:
                notes.append(f"p95 {e['p95_ms']} > {TARGET_SEARCH_P95_MS} ms")
            if small and name in small["endpoints"]:
                growth = e["p95_ms"] / max(small["endpoints"][name]["p95_ms"], 0.1)
                e["p95_growth"] = round(growth, 2)
                if growth > TARGET_GROWTH:
                    notes.append(f"p95 grew {growth:.2f}x > {TARGET_GROWTH}x")
        e["missed"] = notes
        misses += [f"{run['engine']} {run['size']} {name}: {n}" for n in notes]
    if run["peak_rss_mb"] > TARGET_RSS_MB:
        misses.append(f"{run['engine']} {run['size']}: worker peak RSS {run['peak_rss_mb']} MB > {TARGET_RSS_MB}")
    return misses


def table(runs: dict[str, dict[str, Any]], engine_name: str) -> str:
    sizes = [s for s in ("small", "full") if f"{engine_name}/{s}" in runs]
    head = "| endpoint |" + "".join(f" {s} req/s | {s} x healthz | {s} p50/p95/p99 ms |" for s in sizes)
    head += " queries | size KB | p95 growth | missed |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    last = runs[f"{engine_name}/{sizes[-1]}"]
    for name in last["endpoints"]:
        row = f"| {name} |"
        for s in sizes:
            e = runs[f"{engine_name}/{s}"]["endpoints"][name]
            row += f" {e['rps']:.0f} | {e['ratio']:.2f} | {e['p50_ms']}/{e['p95_ms']}/{e['p99_ms']} |"
        e = last["endpoints"][name]
        growth = e.get("p95_growth")
        row += f" {e['queries']} | {e['bytes'] / 1024:.1f} | {'' if growth is None else f'{growth}x'} |"
        row += f" {'; '.join(e['missed']) or 'none'} |"
        lines.append(row)
    rss = ", ".join(f"{s}: {runs[f'{engine_name}/{s}']['peak_rss_mb']} MB" for s in sizes)
    floor = ", ".join(f"{s}: ~{sum(e['healthz_rps'] for e in runs[f'{engine_name}/{s}']['endpoints'].values()) / len(last['endpoints']):.0f} req/s" for s in sizes)  # noqa: E501
    lines.append(f"\nPeak RSS per worker ({WORKERS} workers): {rss}. /healthz floor (mean): {floor}.")
    return "\n".join(lines)


def readme_table(report: dict[str, Any]) -> str:
    """The compact table the README's "Performance" section shows, from a results.json."""
    runs = report["runs"]
    full, small, pg = runs.get("sqlite/full"), runs.get("sqlite/small"), runs.get("postgresql/full")
    main = full or small
    lines = ["| endpoint | req/s | x /healthz | p50 / p95 / p99 ms | p95 at SIZE=small | growth | in-process ms "
             "small / full | SQL queries | KB | PostgreSQL x /healthz | target missed |", "|" + " --- |" * 11]
    for name, e in main["endpoints"].items():
        s = small["endpoints"][name] if small and full else None
        p = pg["endpoints"].get(name) if pg else None
        missed = list(e.get("missed", [])) + [f"PG {m}" for m in (p or {}).get("missed", [])]
        lines.append(
            f"| {name} | {e['rps']:.0f} | {e['ratio']:.2f} | {e['p50_ms']} / {e['p95_ms']} / {e['p99_ms']} | "
            f"{s['p95_ms'] if s else ''} | {str(e.get('p95_growth', '')) + ('x' if 'p95_growth' in e else '')} | "
            f"{s.get('in_process_ms', '') if s else ''} / {e.get('in_process_ms', '')} | {e['queries']} | "
            f"{e['bytes'] / 1024:.0f} | {p['ratio'] if p else ''} | {'; '.join(missed) or '-'} |")
    rss = "; ".join(f"{k}: {v['peak_rss_mb']} MB" for k, v in runs.items())
    lines.append(f"\nPeak RSS per worker: {rss}.")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1),
            "python": platform.python_version(), "os": platform.platform(),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "wrk": f"-t1 -c{CONNECTIONS} -d{DURATION}s, A/B/A/B with /healthz",
            "server": f"gunicorn -c gunicorn.conf.py --workers {WORKERS} (sync, preload_app, max_requests 50000), "
                      "FLASK_SPOC_ENV=production, 127.0.0.1"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "full"), default="full",
                        help="full runs SIZE=small and SIZE=full, so growth shows; small runs small only")
    parser.add_argument("--readme", action="store_true", help="print the README table of the last results.json")
    args = parser.parse_args()
    if args.readme:
        print(readme_table(json.loads(RESULTS.read_text())))
        return 0
    if not shutil.which("wrk"):
        print("wrk is missing: run `make bench` (it installs it) or apt-get install wrk", file=sys.stderr)
        return 2
    sizes = ["small"] if args.size == "small" else ["small", "full"]
    engines = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith("postgresql"):
        engines.append("postgresql")
    started = time.perf_counter()
    runs: dict[str, dict[str, Any]] = {}
    misses: list[str] = []
    with tempfile.TemporaryDirectory(prefix="spoc-bench-") as tmp:
        for engine_name in engines:
            for size in sizes:
                run = one_pass(engine_name, size, Path(tmp))
                misses += check(run, runs.get(f"{engine_name}/small") if size == "full" else None)
                runs[f"{engine_name}/{size}"] = run
    report = {"machine": machine(), "minutes": round((time.perf_counter() - started) / 60, 1), "runs": runs,
              "missed": misses, "targets": {
                  "list_detail_ratio": TARGET_RATIO, "list_detail_p95_ms": TARGET_P95_MS,
                  "search_p95_ms": TARGET_SEARCH_P95_MS, "p95_growth": TARGET_GROWTH,
                  "queries_per_request": TARGET_QUERIES, "rss_mb_per_worker": TARGET_RSS_MB,
                  "postgresql_ratio": TARGET_PG_RATIO}}
    RESULTS.write_text(json.dumps(report, indent=2, default=str))
    for engine_name in engines:
        print(f"\n### {engine_name}\n")
        print(table(runs, engine_name))
    print(f"\nMachine: {report['machine']}")
    print(f"Took {report['minutes']} minutes. Results: {RESULTS.relative_to(ROOT)}")
    print("\nTargets missed:" if misses else "\nEvery target met.")
    for miss in misses:
        print(f"  - {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
