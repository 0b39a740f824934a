"""Configuration defaults.

Order of precedence (later wins): these defaults, ``instance/config.py``, environment variables
(``DATABASE_URL``, ``SECRET_KEY`` and any ``FLASK_*``), then the mapping passed to ``create_app()``.
"""

from datetime import timedelta


class Config:
    # "development" or "production". Production refuses demo data and an unset SECRET_KEY,
    # and marks cookies Secure.
    SPOC_ENV = "development"

    # None means: SQLite file in instance/ (the embedded default).
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "spoc_session"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # Server-side session limits (app/security/sessions.py): unused this long, or this old, a session ends.
    # FLASK_SESSION_IDLE_TIMEOUT / FLASK_SESSION_ABSOLUTE_TIMEOUT may give seconds.
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
    # Roles that must use a second factor (TOTP); an administrator can require it of everyone at /admin/security.
    SECOND_FACTOR_ROLES = ("admin", "core-group")

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    # Login throttling: per submitted account and per client address, failed attempts only. The attempts
    # are counted in the database (table failed_logins), so the limits hold across several app servers.
    # Wrong passwords and wrong second-factor codes count alike. FLASK_LOGIN_LIMIT_PER_ADDRESS="300 per 15 minutes"
    # where a whole ministry shares one address the application sees (README.md, "Production").
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"

    # Behind a reverse proxy: how many proxies set X-Forwarded-For / -Proto / -Host (werkzeug's ProxyFix).
    # 0 means no proxy: the headers are ignored (never trust them from the open internet).
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0
    PROXY_FIX_X_HOST = 0
    # Strict-Transport-Security max-age, sent in production only (HTTPS only there).
    HSTS_MAX_AGE = 365 * 24 * 3600

    # Where the intranet is reached; used for links made outside a request (CLI, later e-mail).
    BASE_URL = "http://127.0.0.1:5000"
    INVITATION_MAX_AGE = timedelta(days=7)
    PASSWORD_MIN_LENGTH = 12
    # "Forgot your password?": how long an e-mailed reset link works, and how many links may be asked for per
    # address typed and per client address (counted in the database, whether or not the address has an account).
    RESET_LINK_MAX_AGE = timedelta(hours=1)
    RESET_LINK_LIMIT_PER_ACCOUNT = "3 per hour"
    RESET_LINK_LIMIT_PER_ADDRESS = "20 per hour"

    ITEMS_PER_PAGE = 25
    # How long a list page's total is remembered per server process (0: count on every view). Changes written
    # through the same process forget it at once; another process's show within this many seconds.
    PAGE_COUNT_SECONDS = 30
    # SQLite search: a query matching more documents than this (a very common word) shows the newest matches
    # instead of ranking and counting them all.
    SEARCH_RANK_LIMIT = 5_000
    # One uploaded file at most; a whole request (several files and fields) at most MAX_CONTENT_LENGTH.
    MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    MAX_CONTENT_LENGTH = 64 * 1024 * 1024
    # A spreadsheet to import (app/imports) at most; None: MAX_UPLOAD_BYTES.
    IMPORT_MAX_BYTES = None
    # Whether the request that starts an import job waits for it (tests); a server answers at once.
    IMPORT_JOBS_WAIT = False
    # Where documents are stored: one path for the whole deployment (a shared volume when several web servers
    # run). None means instance/uploads.
    UPLOAD_FOLDER = None

    # E-mail notifications (app/notifications), sent by `flask notifications send` from cron or a systemd timer.
    # Without MAIL_SERVER the messages only go to the log (development).
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True  # STARTTLS after connecting (port 587)
    MAIL_USE_SSL = False  # TLS from the first byte (port 465); MAIL_USE_TLS is then ignored
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_FROM = "SPOC Network <spoc-network@example.org>"
    MAIL_TIMEOUT = 30  # seconds for the SMTP connection
    MAIL_BATCH_SIZE = 50  # messages one sender claims at a time
    MAIL_RETRY_BASE = timedelta(minutes=1)  # first wait after a failure, doubling each time
    MAIL_RETRY_MAX = timedelta(hours=6)  # the longest wait between attempts; a message is never dropped
    MAIL_CLAIM_TIMEOUT = timedelta(minutes=30)  # a claim older than this was left by a sender that died
    MEETING_REMINDER_DAYS = 7  # remind countries that have not answered this long before a meeting
    ACTION_DUE_NOTICE_DAYS = 7  # tell an action's owner this long before its due date
    FUNDING_CALL_REMINDER_DAYS = 14  # remind everyone of a funding call this long before it closes
    ASSESSMENT_REMINDER_DAYS = 7  # remind countries that have not submitted this long before a round's deadline
    FACT_SHEET_REMINDERS = True  # remind each country of its fact sheet sections over a year old or never verified
    NOMINATION_RETENTION_MONTHS = 12  # a declined or withdrawn nomination is erased this long after it closed
    ROSTER_REVIEW_GRACE_DAYS = 90  # an entry this long past its review-by date is flagged to administrators
