"""bench: an index for the dashboard's newest shared practices

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_best_practices_submitted", "best_practices", ["submitted_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_best_practices_submitted", table_name="best_practices")
