"""password_reset_requests: "forgot your password?" requests, counted for the limits and named by reset links

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "password_reset_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_password_reset_requests_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset_requests")),
    )
    with op.batch_alter_table("password_reset_requests") as batch_op:
        batch_op.create_index("ix_password_reset_requests_account_requested_at", ["account", "requested_at"])
        batch_op.create_index("ix_password_reset_requests_address_requested_at", ["address", "requested_at"])
        batch_op.create_index(batch_op.f("ix_password_reset_requests_user_id"), ["user_id"])


def downgrade() -> None:
    op.drop_table("password_reset_requests")
