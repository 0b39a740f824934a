"""page indexes: agenda items' links to obstacles and practices as partial indexes; obstacles by (action owner, status)

Most agenda items discuss no record. A full index holds all their NULLs, and once statistics are gathered
(ANALYZE) SQLite expects every lookup of one obstacle to match all of them, so an obstacle's or a practice's page
scanned every meeting in date order to find the two or three items about it (2.8 ms of a 10.6 ms page at the
benchmark's full size). Partial indexes hold only the items that name a record; both engines use them for
``obstacle_id = ?``.

The index on an obstacle's action owner becomes one on (owner, status): the dashboard's "open actions of your
organisation" read the owner's agreed actions straight from it, where PostgreSQL combined the owner's and the
status's indexes (about 5 ms at full size).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

COLUMNS = ("obstacle_id", "practice_id")


def upgrade() -> None:
    op.drop_index("ix_obstacles_action_owner_id", table_name="obstacles")
    op.create_index("ix_obstacles_action_owner_status", "obstacles", ["action_owner_id", "status"])
    for column in COLUMNS:
        name = f"ix_agenda_items_{column}"
        op.drop_index(name, table_name="agenda_items")
        condition = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, "agenda_items", [column], sqlite_where=condition, postgresql_where=condition)


def downgrade() -> None:
    for column in COLUMNS:
        name = f"ix_agenda_items_{column}"
        op.drop_index(name, table_name="agenda_items")
        op.create_index(name, "agenda_items", [column])
    op.drop_index("ix_obstacles_action_owner_status", table_name="obstacles")
    op.create_index("ix_obstacles_action_owner_id", "obstacles", ["action_owner_id"])
