"""Organisations, users and the Presidency rotation."""

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _, _l
from app.core.models import utcnow
from app.extensions import db

ORGANISATION_KINDS = {"member_state": _l("Member State"), "associated": _l("Schengen-associated country"),
                      "agency": _l("Agency"), "council": _l("Council")}
# The countries of the network: the 27 EU Member States and the Schengen-associated states (Norway, Iceland,
# Switzerland, Liechtenstein). Only "member_state" is ever counted as an EU Member State.
COUNTRY_KINDS = ("member_state", "associated")
ROLES = {"member": _l("Member"), "core-group": _l("Core group"), "admin": _l("Administrator")}


class Organisation(db.Model):
    """A Member State, a Schengen-associated country, an EU/international agency, or the Council General
    Secretariat."""

    __tablename__ = "organisations"
    __table_args__ = (CheckConstraint("kind IN ('member_state', 'associated', 'agency', 'council')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    # The country profile is its fact sheet (app/factsheets), kept and verified section by section.
    version: Mapped[int] = mapped_column(default=1)

    users: Mapped[list["User"]] = relationship(back_populates="organisation", order_by="User.name")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_member_state(self) -> bool:
        return self.kind == "member_state"

    @property
    def is_associated(self) -> bool:
        """A Schengen-associated country: a member of the network, never counted as an EU Member State."""
        return self.kind == "associated"

    @property
    def is_country(self) -> bool:
        """A country of the network, EU Member State or Schengen-associated (not an agency or the Council)."""
        return self.kind in COUNTRY_KINDS

    @property
    def kind_label(self) -> str:
        return str(ORGANISATION_KINDS[self.kind])

    def __str__(self) -> str:
        return self.name


class User(UserMixin, db.Model):
    """A person with an account; belongs to exactly one organisation."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('member', 'core-group', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(120))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # A fresh random value per invitation; cleared when used, so a link works once.
    invitation_nonce: Mapped[str | None] = mapped_column(String(64))
    # Part of the session identity: bumping it ends every session of this user.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Settings (app/account): the zone times are shown in, and the personal calendar feed. Only a
    # SHA-256 hash of the feed token is kept, so a copy of the database does not open anyone's feed.
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Brussels", server_default="Europe/Brussels")
    # The interface language (app/core/i18n.LANGUAGES); None follows the browser's Accept-Language.
    language: Mapped[str | None] = mapped_column(String(8))
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    calendar_token_created_at: Mapped[datetime | None]
    # Second factor (app/security): the TOTP secret, encrypted (app/security/encryption.py; enrolment is confirmed
    # when totp_enabled_at is set), and the last time step a code was accepted for, so each code works once.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_last_step: Mapped[int | None]
    totp_enabled_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship(back_populates="users", lazy="joined")

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_core_group(self) -> bool:
        return self.role == "core-group"

    @property
    def role_label(self) -> str:
        return str(ROLES[self.role])

    @property
    def has_second_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def __str__(self) -> str:
        return self.name


class PresidencyTerm(db.Model):
    """A half-year during which one Member State holds the rotating Council Presidency."""

    __tablename__ = "presidency_terms"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    starts_on: Mapped[date] = mapped_column(unique=True)
    ends_on: Mapped[date] = mapped_column(index=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined")

    @property
    def label(self) -> str:
        if self.starts_on.month <= 6:
            return _("%(country)s (%(year)s H1)", country=self.organisation.name, year=self.starts_on.year)
        return _("%(country)s (%(year)s H2)", country=self.organisation.name, year=self.starts_on.year)

    def __str__(self) -> str:
        return self.label


class HeadOfSpoc(db.Model):
    """Who heads a country's SPOC (one person per country, designated by administrators): the person who submits
    what the country answers as a whole, such as its assessment answers."""

    __tablename__ = "heads_of_spoc"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    since: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User] = relationship()


class LegalInstrument(db.Model):
    """A legal instrument or channel of cooperation (Prüm, SIENA, SIS/SIRENE...), a list administrators edit."""

    __tablename__ = "legal_instruments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


# How the history and the audit log name what happens to accounts and organisations (app/core/audit.py).
audit.describe(
    actions={
        "invite": _l("invitation sent"),
        "accept_invitation": _l("invitation accepted"),
        "activate": _l("activated"),
        "deactivate": _l("deactivated"),
        "edit_profile": _l("country profile edited"),
        "change_email": _l("e-mail address changed"),
        "change_password": _l("password changed"),
    },
    fields={
        # Organisations, and the country profile fields that became fact sheet sections (app/factsheets, migration
        # 0022), still named in older audit events.
        "code": _l("code"),
        "kind": _l("kind"),
        "spoc_structure": _l("SPOC structure"),
        "contact_channel": _l("24/7 contact channel"),
        "working_languages": _l("working languages"),
        "law_enforcement_agencies": _l("national law-enforcement agencies"),
        "profile_verified_on": _l("last verified on"),
        "profile_updated_at": _l("profile updated on"),
        # Users.
        "organisation": _l("organisation"),
        "organisation_id": _l("organisation"),
        "role": _l("role"),
        "active": _l("active"),
        "timezone": _l("time zone"),
        "language": _l("language"),
        "last_login_at": _l("last log-in"),
        # Presidency terms.
        "starts_on": _l("first day"),
        "ends_on": _l("last day"),
        # Legal instruments.
        "position": _l("position in lists"),
    },
)
