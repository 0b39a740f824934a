"""Imports: the external reference of imported obstacles, practices and experts, import jobs, remembered column mappings

Revision ID: 0023
Revises: 0022

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('obstacles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_ref', sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_obstacles_external_ref'), ['external_ref'])
    with op.batch_alter_table('best_practices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_ref', sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_best_practices_external_ref'), ['external_ref'])
    with op.batch_alter_table('experts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_ref', sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_experts_external_ref'), ['external_ref'])

    op.create_table('import_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('header', sa.JSON(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('dry_run', sa.Boolean(), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('processed_rows', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('problem_count', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('uploaded', 'checking', 'checked', 'importing', 'done', 'failed')", name=op.f('ck_import_jobs_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_import_jobs_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_jobs'))
    )
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_jobs_created_at'), ['created_at'], unique=False)

    op.create_table('import_mappings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('header_key', sa.String(length=64), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_mappings')),
    sa.UniqueConstraint('kind', 'header_key', name='uq_import_mappings_header')
    )


def downgrade():
    op.drop_table('import_mappings')
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_jobs_created_at'))
    op.drop_table('import_jobs')
    with op.batch_alter_table('experts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_experts_external_ref'), type_='unique')
        batch_op.drop_column('external_ref')
    with op.batch_alter_table('best_practices', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_best_practices_external_ref'), type_='unique')
        batch_op.drop_column('external_ref')
    with op.batch_alter_table('obstacles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_obstacles_external_ref'), type_='unique')
        batch_op.drop_column('external_ref')
