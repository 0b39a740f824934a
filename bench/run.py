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

from bench.imports import IMPORT_ROWS, describe, import_figures
from bench.inprocess import count_queries
from bench.report import (
    EMPTY_PAGE,
    add_empty_ratios,
    changes,
    check,
    load_previous,
    readme_table,
    save_previous,
    table,
    targets,
)
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



# The pages ---------------------------------------------------------------------------------------------

def endpoints(ids: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, kind, path): kind is list, detail, search, export or other (the targets differ by kind)."""
    deep = ids["deep"]
    return [
        (EMPTY_PAGE, "other", "/privacy"),  # logged in: the layout and navigation around a static text
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
        ("cooperation results", "detail", f"/assessments/rounds/{ids['cooperation_round']}/results"),
        ("cooperation matrix", "detail", f"/assessments/rounds/{ids['cooperation_round']}/matrix"),
        ("search rare word", "search", "/search?" + urlencode({"q": RARE_WORD})),
        ("search common word", "search", "/search?" + urlencode({"q": COMMON_WORD})),
        ("search two words", "search", "/search?" + urlencode({"q": TWO_WORDS})),
        ("month calendar", "other", "/calendar?month=2026-11"),
        ("calendar feed", "other", f"/calendar/feed/{BENCH_FEED_TOKEN}.ics"),
        ("obstacles CSV export", "export", "/obstacles/export.csv?" + urlencode({"country": "IT", "status": "open",
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
            "cooperation_round": one("SELECT id FROM assessment_rounds WHERE questionnaire = 'cooperation' "
                                     "AND status = 'closed' ORDER BY year DESC LIMIT 1"),
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
        # After the page loads: it adds 20,000 obstacles to the scratch database.
        print(f"   importing {IMPORT_ROWS:,} obstacles from a spreadsheet", flush=True)
        imported = import_figures(url)
    for name, figures in in_process.items():
        results[name].update(figures)
    run = {"engine": engine_name, "size": size, "seed": seeded, "endpoints": results, "workers": workers,
            "peak_rss_mb": max(w["peak_rss_mb"] for w in workers), "import": imported}
    add_empty_ratios(run)
    return run


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
    previous = load_previous()  # the last run's figures (bench/previous.json), compared at the end
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
                if run["import"]["missed"]:
                    misses.append(f"{engine_name} {size}: {describe(run['import'])}")
                runs[f"{engine_name}/{size}"] = run
    report = {"machine": machine(), "minutes": round((time.perf_counter() - started) / 60, 1), "runs": runs,
              "missed": misses, "targets": targets()}
    RESULTS.write_text(json.dumps(report, indent=2, default=str))
    for engine_name in engines:
        print(f"\n### {engine_name}\n")
        print(table(runs, engine_name))
        for size in sizes:
            print(f"\n{size}: {describe(runs[f'{engine_name}/{size}']['import'])}")
    print(f"\nMachine: {report['machine']}")
    print(f"Took {report['minutes']} minutes. Results: {RESULTS.relative_to(ROOT)}")
    print("\nTargets missed:" if misses else "\nEvery target met.")
    for miss in misses:
        print(f"  - {miss}")
    print("\nChange since the previous run (bench/previous.json):")
    print(changes(previous, runs))
    save_previous(previous, runs)
    print("\nbench/previous.json now holds this run's figures: commit it with the README's table.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
