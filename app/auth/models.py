"""What authentication keeps besides the users: the requests for a password-reset link."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import utcnow
from app.extensions import db


class PasswordResetRequest(db.Model):
    """One "forgot your password" request: what the rate limits count, and what a reset link points to.

    ``user_id`` is empty when the address typed is nobody's (the request still counts, so the limits answer alike
    whether or not an account exists). Rows older than the longest limit or link lifetime are pruned as new ones
    come; a link is good only while its row is the newest of its user's.
    """

    __tablename__ = "password_reset_requests"
    __table_args__ = (
        Index("ix_password_reset_requests_account_requested_at", "account", "requested_at"),
        Index("ix_password_reset_requests_address_requested_at", "address", "requested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(254))  # the e-mail address typed, lower-case
    address: Mapped[str] = mapped_column(String(45))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
