"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app` behind a reverse proxy.

Every value can be overridden by the environment (GUNICORN_CMD_ARGS) or the command line.
"""

import multiprocessing
import os

# Listen on loopback only: the reverse proxy (nginx, Apache, a load balancer) terminates HTTPS in front.
bind = os.environ.get("SPOC_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SPOC_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("SPOC_THREADS", "2"))
timeout = 60
graceful_timeout = 30
# Recycle workers now and then (memory), with jitter so they do not all restart at once.
max_requests = 2000
max_requests_jitter = 200
# gunicorn itself trusts X-Forwarded-* only from the proxy; the application's ProxyFix
# (FLASK_PROXY_FIX_X_FOR / _X_PROTO) decides what Flask believes.
forwarded_allow_ips = os.environ.get("SPOC_PROXY_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# No query strings in the access log (search terms can be personal data). Calendar feed paths carry a
# secret token: keep the access log as confidential as the database.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
limit_request_line = 8190
