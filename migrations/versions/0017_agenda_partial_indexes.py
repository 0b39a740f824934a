"""agenda items: the indexes on the obstacle and the practice an item discusses cover only the items that discuss one

Most agenda items discuss no record. A full index holds all their NULLs, and once statistics are gathered
(ANALYZE) SQLite expects every lookup of one obstacle to match all of them, so an obstacle's or a practice's page
scanned every meeting in date order to find the two or three items about it (2.8 ms of a 10.6 ms page at the
benchmark's full size). Partial indexes hold only the items that name a record; both engines use them for
``obstacle_id = ?``.

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
