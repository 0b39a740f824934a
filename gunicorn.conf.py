"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app` behind a reverse proxy.

Every value can be overridden by the environment (GUNICORN_CMD_ARGS) or the command line.
"""

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
# Recycle workers now and then (a safety net for memory; RSS stays flat in the benchmark), with jitter so
# they do not all restart at once. Rarely: a restart reloads the application, about a second of one worker.
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
