"""Funding: sources, calls, applications (with partners and the activities they fund) and budget lines

Revision ID: 0019
Revises: 0018

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('funding_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_fr', sa.String(length=200), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('isf_national', 'isf_union', 'cepol', 'national', 'agency', 'other')", name=op.f('ck_funding_sources_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_funding_sources_name'))
    )
    op.create_table('funding_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('max_amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('cofinancing_rate', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('eligible_activities', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('cofinancing_rate IS NULL OR (cofinancing_rate > 0 AND cofinancing_rate <= 100)', name=op.f('ck_funding_calls_cofinancing_rate')),
    sa.CheckConstraint('max_amount_cents IS NULL OR max_amount_cents >= 0', name=op.f('ck_funding_calls_max_amount')),
    sa.CheckConstraint('opens_on IS NULL OR opens_on <= closes_on', name=op.f('ck_funding_calls_dates')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_funding_calls_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['funding_sources.id'], name=op.f('fk_funding_calls_source_id_funding_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_calls'))
    )
    with op.batch_alter_table('funding_calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_calls_closes_on'), ['closes_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_calls_source_id'), ['source_id'], unique=False)

    op.create_table('funding_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('amount_requested_cents', sa.BigInteger(), nullable=True),
    sa.Column('amount_awarded_cents', sa.BigInteger(), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('idea', 'drafting', 'submitted', 'awarded', 'rejected', 'withdrawn')", name=op.f('ck_funding_applications_status')),
    sa.CheckConstraint('amount_awarded_cents IS NULL OR amount_awarded_cents >= 0', name=op.f('ck_funding_applications_awarded')),
    sa.CheckConstraint('amount_awarded_cents IS NULL OR amount_requested_cents IS NULL OR amount_awarded_cents <= amount_requested_cents', name=op.f('ck_funding_applications_award_within_request')),
    sa.CheckConstraint('amount_requested_cents IS NULL OR amount_requested_cents >= 0', name=op.f('ck_funding_applications_requested')),
    sa.ForeignKeyConstraint(['call_id'], ['funding_calls.id'], name=op.f('fk_funding_applications_call_id_funding_calls'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_funding_applications_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['organisations.id'], name=op.f('fk_funding_applications_lead_id_organisations')),
    sa.ForeignKeyConstraint(['source_id'], ['funding_sources.id'], name=op.f('fk_funding_applications_source_id_funding_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_applications'))
    )
    with op.batch_alter_table('funding_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_applications_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_applications_decided_on'), ['decided_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_applications_lead_id'), ['lead_id'], unique=False)
        batch_op.create_index('ix_funding_applications_listing', ['created_at', 'id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_applications_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_applications_status'), ['status'], unique=False)

    op.create_table('budget_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('training_id', sa.Integer(), nullable=True),
    sa.Column('item', sa.String(length=200), nullable=False),
    sa.Column('planned_cents', sa.BigInteger(), nullable=False),
    sa.Column('actual_cents', sa.BigInteger(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(meeting_id IS NULL) <> (training_id IS NULL)', name=op.f('ck_budget_lines_one_activity')),
    sa.CheckConstraint('actual_cents IS NULL OR actual_cents >= 0', name=op.f('ck_budget_lines_actual')),
    sa.CheckConstraint('planned_cents >= 0', name=op.f('ck_budget_lines_planned')),
    sa.ForeignKeyConstraint(['application_id'], ['funding_applications.id'], name=op.f('fk_budget_lines_application_id_funding_applications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_budget_lines_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_budget_lines_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['funding_sources.id'], name=op.f('fk_budget_lines_source_id_funding_sources')),
    sa.ForeignKeyConstraint(['training_id'], ['training_activities.id'], name=op.f('fk_budget_lines_training_id_training_activities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_lines'))
    )
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_lines_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_lines_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_lines_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_lines_training_id'), ['training_id'], unique=False)

    op.create_table('funding_application_meetings',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['funding_applications.id'], name=op.f('fk_funding_application_meetings_application_id_funding_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_funding_application_meetings_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', 'meeting_id', name=op.f('pk_funding_application_meetings'))
    )
    with op.batch_alter_table('funding_application_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_application_meetings_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('funding_application_partners',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['funding_applications.id'], name=op.f('fk_funding_application_partners_application_id_funding_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_funding_application_partners_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('application_id', 'organisation_id', name=op.f('pk_funding_application_partners'))
    )
    with op.batch_alter_table('funding_application_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_application_partners_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('funding_application_trainings',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('training_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['funding_applications.id'], name=op.f('fk_funding_application_trainings_application_id_funding_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['training_id'], ['training_activities.id'], name=op.f('fk_funding_application_trainings_training_id_training_activities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', 'training_id', name=op.f('pk_funding_application_trainings'))
    )
    with op.batch_alter_table('funding_application_trainings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_application_trainings_training_id'), ['training_id'], unique=False)



def downgrade():
    with op.batch_alter_table('funding_application_trainings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_application_trainings_training_id'))

    op.drop_table('funding_application_trainings')
    with op.batch_alter_table('funding_application_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_application_partners_organisation_id'))

    op.drop_table('funding_application_partners')
    with op.batch_alter_table('funding_application_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_application_meetings_meeting_id'))

    op.drop_table('funding_application_meetings')
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_lines_training_id'))
        batch_op.drop_index(batch_op.f('ix_budget_lines_source_id'))
        batch_op.drop_index(batch_op.f('ix_budget_lines_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_budget_lines_application_id'))

    op.drop_table('budget_lines')
    with op.batch_alter_table('funding_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_applications_status'))
        batch_op.drop_index(batch_op.f('ix_funding_applications_source_id'))
        batch_op.drop_index('ix_funding_applications_listing')
        batch_op.drop_index(batch_op.f('ix_funding_applications_lead_id'))
        batch_op.drop_index(batch_op.f('ix_funding_applications_decided_on'))
        batch_op.drop_index(batch_op.f('ix_funding_applications_call_id'))

    op.drop_table('funding_applications')
    with op.batch_alter_table('funding_calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_calls_source_id'))
        batch_op.drop_index(batch_op.f('ix_funding_calls_closes_on'))

    op.drop_table('funding_calls')
    op.drop_table('funding_sources')
