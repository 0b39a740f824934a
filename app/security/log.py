"""Security log lines for an investigator, safe from forged lines.

User-supplied text (an e-mail address typed at log-in, a path) could hold a newline and so write a
second, invented line into the log. Every record of the application's loggers has
its message escaped: CR, LF and other control characters become visible escapes.
"""

import logging

logger = logging.getLogger("spoc.security")

_ESCAPES = {i: f"\\x{i:02x}" for i in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t", 0x7F: "\\x7f",
                                                    0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\x85"}


def clean(text: object) -> str:
    """``text`` on one line: control characters and line separators escaped."""
    return str(text).translate(_ESCAPES)


_PREFIXES = ("app", "spoc")


def _escaping_factory(original):
    def factory(*args, **kwargs):
        record = original(*args, **kwargs)
        if record.name.split(".")[0] in _PREFIXES:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):  # a malformed format: keep the format, escaped
                message = str(record.msg)
            record.msg = clean(message)
            record.args = None
        return record

    factory.escapes_lines = True  # type: ignore[attr-defined]
    return factory


def init_app(app: object) -> None:
    """Every record of the application's loggers (``app.*``, ``spoc.*``) gets its message on one line,
    whatever handler writes it."""
    # Alembic's logging set-up (migrations/env.py, fileConfig) disables loggers that exist before it runs.
    logger.disabled = False
    current = logging.getLogRecordFactory()
    if not getattr(current, "escapes_lines", False):
        logging.setLogRecordFactory(_escaping_factory(current))
