"""Sending the queue over SMTP, outside any request (``flask notifications send``).

Rows are claimed before they are sent, so two senders running at once never send the same message:
on PostgreSQL with ``SELECT ... FOR UPDATE SKIP LOCKED``, on SQLite with one atomic
``UPDATE ... WHERE status = 'queued'``. A claimed row is marked sent right after the server accepted it. A
failure puts it back in the queue with an exponential back-off; a permanent refusal (5xx) of the address
marks the row and the address (shown to administrators). A sender that dies between the claim and the
mark leaves rows in "sending": they are queued again after MAIL_CLAIM_TIMEOUT (a message may then go out
twice, the only case where it can; losing it would be worse).
"""

import logging
import secrets
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from flask import current_app
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.notifications.models import Notification, RefusedAddress

log = logging.getLogger("app.notifications")
# Without MAIL_SERVER the log is where messages go: INFO must come through (Flask's handler prints it).
log.setLevel(logging.INFO)


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Outgoing:
    """What is needed to send one claimed row, read before the transaction ends."""

    id: int
    to_address: str
    subject: str
    body_text: str
    body_html: str
    attachment: bytes | None
    attachment_name: str | None
    attempts: int


class TransientFailure(Exception):
    """Try again later (server down, 4xx, timeout)."""


class ConnectionLost(TransientFailure):
    """The connection is unusable: the rest of the batch waits for the next run."""


class PermanentFailure(Exception):
    """5xx: sending this again will not help. ``address_refused`` when the server refused the recipient."""

    def __init__(self, message: str, address_refused: bool) -> None:
        super().__init__(message)
        self.address_refused = address_refused


def _now() -> datetime:
    return datetime.now(UTC)


# Claiming -----------------------------------------------------------------------------------------------

def _due(delivery: str, now: datetime) -> Any:
    return db.select(Notification.id).where(
        Notification.status == "queued", Notification.delivery == delivery, Notification.next_attempt_at <= now,
    ).order_by(Notification.id)


def claim(now: datetime, *, delivery: str = "immediate", limit: int | None = None) -> tuple[str, list[int]]:
    """Mark up to ``limit`` due rows as this sender's, and commit; returns the claim token and the row ids."""
    db.session.commit()  # start the claim in a fresh transaction (SQLite: a write first, no lock upgrade)
    token = secrets.token_hex(16)
    query = _due(delivery, now)
    if limit:
        query = query.limit(limit)
    claimed = {"status": "sending", "claim_token": token, "claimed_at": now}
    if db.session.get_bind().dialect.name == "postgresql":
        ids = list(db.session.scalars(query.with_for_update(skip_locked=True)))
        if ids:
            db.session.execute(update(Notification).where(Notification.id.in_(ids)).values(**claimed))
    else:
        db.session.execute(update(Notification)
                           .where(Notification.id.in_(query.scalar_subquery()), Notification.status == "queued")
                           .values(**claimed))
        ids = []
    db.session.commit()
    if not ids:
        ids = list(db.session.scalars(db.select(Notification.id).where(Notification.claim_token == token)
                                      .order_by(Notification.id)))
        db.session.commit()
    return token, ids


def reclaim_stale(now: datetime) -> int:
    """Queue again the rows a sender claimed and never finished (it died)."""
    cutoff = now - current_app.config["MAIL_CLAIM_TIMEOUT"]
    db.session.commit()
    result = db.session.execute(
        update(Notification).where(Notification.status == "sending", Notification.claimed_at < cutoff)
        .values(status="queued", claim_token=None, claimed_at=None))
    db.session.commit()
    return result.rowcount or 0


def _finish(row_id: int, token: str, **values: Any) -> None:
    """Change a claimed row, only if this sender still holds it, and commit at once."""
    db.session.execute(update(Notification)
                       .where(Notification.id == row_id, Notification.claim_token == token)
                       .values(claim_token=None, claimed_at=None, **values))
    db.session.commit()


def backoff(attempts: int) -> timedelta:
    """The wait before attempt ``attempts + 1``: MAIL_RETRY_BASE doubling, at most MAIL_RETRY_MAX."""
    base: timedelta = current_app.config["MAIL_RETRY_BASE"]
    return min(base * 2 ** max(attempts - 1, 0), current_app.config["MAIL_RETRY_MAX"])


def _retry(message: Outgoing, token: str, now: datetime, error: str) -> None:
    attempts = message.attempts + 1
    _finish(message.id, token, status="queued", attempts=attempts, next_attempt_at=now + backoff(attempts),
            last_error=error[:2000])


def _refuse(message: Outgoing, token: str, now: datetime, error: str, *, address: bool) -> None:
    """Mark the row refused and, when the server refused the recipient, remember the address."""
    db.session.execute(update(Notification)
                       .where(Notification.id == message.id, Notification.claim_token == token)
                       .values(status="refused", attempts=message.attempts + 1, last_error=error[:2000],
                               claim_token=None, claimed_at=None))
    if address:
        known = db.session.execute(
            update(RefusedAddress).where(RefusedAddress.address == message.to_address)
            .values(reason=error[:2000], refused_at=now, messages=RefusedAddress.messages + 1))
        if not known.rowcount:
            try:
                with db.session.begin_nested():  # another sender may record the same address at once
                    db.session.add(RefusedAddress(address=message.to_address, reason=error[:2000], refused_at=now))
            except IntegrityError:
                pass
    db.session.commit()


# Transports -----------------------------------------------------------------------------------------------

def build_message(message: Outgoing) -> EmailMessage:
    config = current_app.config
    mail = EmailMessage()
    mail["From"] = config["MAIL_FROM"]
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(_now())
    domain = config["MAIL_FROM"].rpartition("@")[2].strip(" >") or "spoc-network"
    mail["Message-ID"] = make_msgid(idstring=f"notification-{message.id}", domain=domain)
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(message.body_text)
    mail.add_alternative(message.body_html, subtype="html")
    if message.attachment is not None:
        mail.add_attachment(message.attachment, maintype="text", subtype="calendar",
                            filename=message.attachment_name or "meeting.ics", params={"method": "PUBLISH"})
    return mail


class LogTransport:
    """Development without MAIL_SERVER: the message goes to the log, and counts as sent."""

    def open(self) -> None:
        pass

    def send(self, message: Outgoing) -> None:
        current_app.logger  # noqa: B018 - sets up Flask's handler on "app", the parent of this logger
        log.info("E-mail (MAIL_SERVER is not set, so it is only logged) to %s: %s\n%s",
                 message.to_address, message.subject, message.body_text)

    def close(self) -> None:
        pass


class SMTPTransport:
    """One connection for a run; STARTTLS or implicit TLS and login as configured."""

    def __init__(self) -> None:
        self.connection: smtplib.SMTP | None = None

    def open(self) -> None:
        """Connect, unless already connected."""
        if self.connection is not None:
            return
        config = current_app.config
        host, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), config["MAIL_TIMEOUT"]
        try:
            if config["MAIL_USE_SSL"]:
                connection: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                                            context=ssl.create_default_context())
            else:
                connection = smtplib.SMTP(host, port, timeout=timeout)
                if config["MAIL_USE_TLS"]:
                    connection.starttls(context=ssl.create_default_context())
            if config["MAIL_USERNAME"]:
                connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        except (OSError, smtplib.SMTPException) as error:
            # The failures' texts are diagnostics for the log, the command's output and last_error (stored in
            # the database, shown as they are to administrators next to the server's own answers): in English.
            raise ConnectionLost(f"Cannot connect to {host}:{port}: {error}") from None  # not translated: stored
        self.connection = connection

    def send(self, message: Outgoing) -> None:
        if self.connection is None:
            raise RuntimeError("open() the SMTP connection before sending")
        mail = build_message(message)
        try:
            self.connection.send_message(mail, from_addr=_address(current_app.config["MAIL_FROM"]),
                                         to_addrs=[message.to_address])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()), (450, b""))
            reason = f"{code} {_text(text)}"
            if code >= 500:
                raise PermanentFailure(reason, address_refused=True) from None
            raise TransientFailure(reason) from None
        except smtplib.SMTPSenderRefused as error:
            # Our own sender address refused: a configuration matter, not the recipient's; keep the message.
            reason = f"sender refused: {error.smtp_code} {_text(error.smtp_error)}"
            raise TransientFailure(reason) from None
        except smtplib.SMTPServerDisconnected as error:
            self.connection = None
            raise ConnectionLost(f"disconnected: {error}") from None  # not translated: stored in last_error
        except smtplib.SMTPResponseException as error:
            reason = f"{error.smtp_code} {_text(error.smtp_error)}"
            if error.smtp_code >= 500:
                raise PermanentFailure(reason, address_refused=False) from None
            raise TransientFailure(reason) from None
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise ConnectionLost(str(error)) from None

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self.connection = None


def _address(value: str) -> str:
    from email.utils import parseaddr

    return parseaddr(value)[1] or value


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def transport() -> LogTransport | SMTPTransport:
    return SMTPTransport() if current_app.config.get("MAIL_SERVER") else LogTransport()


# The run --------------------------------------------------------------------------------------------------

def _load(ids: list[int]) -> list[Outgoing]:
    rows = db.session.scalars(db.select(Notification).where(Notification.id.in_(ids)).order_by(Notification.id))
    messages = [Outgoing(r.id, r.to_address, r.subject, r.body_text, r.body_html, r.attachment,
                         r.attachment_name, r.attempts) for r in rows]
    db.session.commit()
    return messages


def _refused_addresses(messages: list[Outgoing]) -> set[str]:
    addresses = {m.to_address for m in messages}
    found = set(db.session.scalars(db.select(RefusedAddress.address).where(RefusedAddress.address.in_(addresses))))
    db.session.commit()
    return found


def send_queued(now: datetime | None = None) -> SendReport:
    """Send every due message, batch after batch, until none is left or the server cannot be reached."""
    now = now or _now()
    report = SendReport()
    reclaim_stale(now)
    mailer = transport()
    try:
        while True:
            token, ids = claim(now, limit=current_app.config["MAIL_BATCH_SIZE"])
            if not ids:
                break
            if not _send_batch(mailer, _load(ids), token, now, report):
                break
    finally:
        mailer.close()
    return report


def _send_batch(mailer: Any, messages: list[Outgoing], token: str, now: datetime, report: SendReport) -> bool:
    """Send one claimed batch; False when the connection is gone (the rest is queued again)."""
    refused = _refused_addresses(messages)
    for index, message in enumerate(messages):
        if message.to_address in refused:
            _refuse(message, token, now, "The server refused this address earlier; an administrator can clear it.",
                    address=False)
            report.refused += 1
            continue
        try:
            mailer.open()
            mailer.send(message)
        except ConnectionLost as error:
            for waiting in messages[index:]:
                _retry(waiting, token, now, str(error))
                report.retried += 1
            report.errors.append(str(error))
            log.warning("Mail not sent, %d message(s) stay queued: %s", len(messages) - index, error)
            return False
        except TransientFailure as error:
            _retry(message, token, now, str(error))
            report.retried += 1
            report.errors.append(str(error))
        except PermanentFailure as error:
            _refuse(message, token, now, str(error), address=error.address_refused)
            report.refused += 1
            report.errors.append(str(error))
            if error.address_refused:
                refused.add(message.to_address)
        else:
            _finish(message.id, token, status="sent", sent_at=_now(), attempts=message.attempts + 1,
                    last_error=None)
            report.sent += 1
    return True
