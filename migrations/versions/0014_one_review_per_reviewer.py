"""one review per reviewer and nomination (with the time it was changed), and when a nomination was withdrawn

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A reviewer who reviewed twice keeps their newest review, the one the core group read last.
    op.execute(
        "DELETE FROM nomination_reviews WHERE reviewer_id IS NOT NULL AND id NOT IN "
        "(SELECT max(id) FROM nomination_reviews WHERE reviewer_id IS NOT NULL GROUP BY nomination_id, reviewer_id)"
    )
    with op.batch_alter_table("nomination_reviews") as batch:
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_unique_constraint("uq_nomination_reviews_nomination_reviewer", ["nomination_id", "reviewer_id"])
    with op.batch_alter_table("nominations") as batch:
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    # The withdrawals so far: their time is in the audit log (else the nomination's own date, the earliest bound).
    op.execute(
        "UPDATE nominations SET withdrawn_at = (SELECT max(audit_events.created_at) FROM audit_events "
        "WHERE audit_events.record_type = 'nominations' AND audit_events.record_id = nominations.id "
        "AND audit_events.action = 'withdraw') WHERE status = 'withdrawn'"
    )
    op.execute("UPDATE nominations SET withdrawn_at = created_at WHERE status = 'withdrawn' AND withdrawn_at IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("nominations") as batch:
        batch.drop_column("withdrawn_at")
    with op.batch_alter_table("nomination_reviews") as batch:
        batch.drop_constraint("uq_nomination_reviews_nomination_reviewer", type_="unique")
        batch.drop_column("updated_at")
