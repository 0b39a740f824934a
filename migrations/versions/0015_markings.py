"""markings: the handling markings, and the marking of obstacles, practices, meetings (and minutes), attachments

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# (name, English label, French label, restricted, position, default), as app/core/markings.py seeds them.
DEFAULTS = [
    ("internal", "SPOC Network - internal", "Réseau SPOC - usage interne", False, 10, True),
    ("limite", "LIMITE", "LIMITE", False, 20, False),
    ("core_group", "Core group only", "Groupe restreint uniquement", True, 30, False),
]

# table -> its marking columns
MARKED = {
    "obstacles": ["marking_id"],
    "best_practices": ["marking_id"],
    "meetings": ["marking_id", "minutes_marking_id"],
    "attachments": ["marking_id"],
}


def upgrade() -> None:
    markings = op.create_table(
        "markings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("label_en", sa.String(length=100), nullable=False),
        sa.Column("label_fr", sa.String(length=100), nullable=False),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_markings")),
        sa.UniqueConstraint("name", name=op.f("uq_markings_name")),
    )
    op.bulk_insert(markings, [
        {"name": name, "label_en": en, "label_fr": fr, "restricted": restricted, "position": position,
         "is_default": is_default, "active": True}
        for name, en, fr, restricted, position, is_default in DEFAULTS
    ])
    default_id = op.get_bind().scalar(sa.text("SELECT id FROM markings WHERE name = 'internal'"))
    for table, columns in MARKED.items():
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
        for column in columns:
            # Only our own table and column names go into the text; the id is bound.
            op.execute(sa.text(f"UPDATE {table} SET {column} = :id").bindparams(id=default_id))  # noqa: S608 # nosec B608
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.alter_column(column, existing_type=sa.Integer(), nullable=False)
                batch_op.create_foreign_key(op.f(f"fk_{table}_{column}_markings"), "markings", [column], ["id"])
                batch_op.create_index(op.f(f"ix_{table}_{column}"), [column], unique=False)


def downgrade() -> None:
    for table, columns in MARKED.items():
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.drop_index(op.f(f"ix_{table}_{column}"))
                batch_op.drop_constraint(op.f(f"fk_{table}_{column}_markings"), type_="foreignkey")
                batch_op.drop_column(column)
    op.drop_table("markings")
