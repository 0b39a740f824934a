"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app` behind a reverse proxy.

Every value can be overridden by the environment (GUNICORN_CMD_ARGS) or the command line.
"""

import gc
import multiprocessing
import os

# Listen on loopback only: the reverse proxy (nginx, Apache, a load balancer) terminates HTTPS in front.
bind = os.environ.get("SPOC_BIND", "127.0.0.1:8000")
# One worker process per core: the pages are CPU-bound (templates, SQLite in-process), so more processes
# only queue on the same cores and cost memory (about 130 MB each). Measured by `make bench`.
workers = int(os.environ.get("SPOC_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("SPOC_THREADS", "1"))
timeout = 60
graceful_timeout = 30
# Load the application once in the master and fork the workers from it: a worker that is recycled is ready
# in milliseconds instead of re-importing the application (about a second), and the workers share the
# memory of the code. The database pool is emptied in each new worker (post_fork, below).
preload_app = True
# Recycle workers now and then (a safety net for memory; RSS stays flat in the benchmark), with jitter so
# they do not all restart at once.
max_requests = 50000
max_requests_jitter = 5000
# gunicorn itself trusts X-Forwarded-* only from the proxy; the application's ProxyFix
# (FLASK_PROXY_FIX_X_FOR / _X_PROTO) decides what Flask believes.
forwarded_allow_ips = os.environ.get("SPOC_PROXY_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# No query strings in the access log (search terms can be personal data). Calendar feed paths carry a
# secret token: keep the access log as confidential as the database.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
limit_request_line = 8190


def post_fork(server, worker):
    """A forked worker must not reuse database connections the master may have opened while loading."""
    from app.extensions import db
    from wsgi import app

    with app.app_context():
        db.engine.dispose(close=False)


def when_ready(server):
    """Once in the master, after the preloaded application is imported and before the first worker is forked.

    Forked workers share the master's memory pages until one of them writes to a page. The garbage collector
    writes to every object it examines (its bookkeeping lives in the object's header), so its first full
    collection in each worker would copy nearly all the inherited pages. gc.freeze() moves everything alive
    now into a permanent generation the collector never examines: workers keep sharing those pages, and
    their own collections only walk what they allocate. Collect first so no garbage is frozen for good.
    """
    gc.collect()
    gc.freeze()
