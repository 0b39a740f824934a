"""Associated countries: a kind of organisation for the Schengen-associated states

Revision ID: 0021
Revises: 0020

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    # Batch mode: SQLite cannot alter a CHECK constraint in place, so the table is copied (PostgreSQL alters it).
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_organisations_kind'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_organisations_kind'), "kind IN ('member_state', 'associated', 'agency', 'council')")


def downgrade():
    # An associated country has no kind in the old schema: the seeded ones go (a foreign key refuses the downgrade
    # while records still refer to one), with the administrators' setting about them.
    op.execute("DELETE FROM site_settings WHERE name = 'associated_may_report'")
    op.execute("DELETE FROM organisations WHERE kind = 'associated'")
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_organisations_kind'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_organisations_kind'), "kind IN ('member_state', 'agency', 'council')")
