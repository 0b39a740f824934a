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

# Before this revision an administrator could add Norway only as a "Member State": the four Schengen-associated
# states, by their ISO codes, become what they are (their records stay theirs).
ASSOCIATED_CODES = "('NO', 'IS', 'CH', 'LI')"


def upgrade():
    # Batch mode: SQLite cannot alter a CHECK constraint in place, so the table is copied (PostgreSQL alters it).
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_organisations_kind'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_organisations_kind'), "kind IN ('member_state', 'associated', 'agency', 'council')")
    op.execute(f"UPDATE organisations SET kind = 'associated' WHERE kind = 'member_state' "
               f"AND code IN {ASSOCIATED_CODES}")


def downgrade():
    # The old schema knew a country only as a Member State: the associated countries go back to that, with their
    # records, and the administrators' setting about them goes.
    op.execute("DELETE FROM site_settings WHERE name = 'associated_may_report'")
    op.execute("UPDATE organisations SET kind = 'member_state' WHERE kind = 'associated'")
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_organisations_kind'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_organisations_kind'), "kind IN ('member_state', 'agency', 'council')")
