"""Assessments: yearly rounds, each country's answer and its rows; the Heads of SPOC (one per country)

Revision ID: 0020
Revises: 0019

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assessment_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('questionnaire', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("questionnaire IN ('cooperation', 'training_needs')", name=op.f('ck_assessment_rounds_questionnaire')),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_assessment_rounds_status')),
    sa.CheckConstraint('year >= 2000 AND year <= 2200', name=op.f('ck_assessment_rounds_year')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_assessment_rounds_opened_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_rounds')),
    sa.UniqueConstraint('questionnaire', 'year', name='uq_assessment_rounds_year')
    )
    with op.batch_alter_table('assessment_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_rounds_status'), ['status'], unique=False)

    op.create_table('heads_of_spoc',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_heads_of_spoc_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_heads_of_spoc_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', name=op.f('pk_heads_of_spoc')),
    sa.UniqueConstraint('user_id', name=op.f('uq_heads_of_spoc_user_id'))
    )
    op.create_table('assessment_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted')", name=op.f('ck_assessment_answers_status')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_assessment_answers_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['round_id'], ['assessment_rounds.id'], name=op.f('fk_assessment_answers_round_id_assessment_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_assessment_answers_submitted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_assessment_answers_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_answers')),
    sa.UniqueConstraint('round_id', 'organisation_id', name='uq_assessment_answers_country')
    )
    with op.batch_alter_table('assessment_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_answers_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_answers_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_answers_status'), ['status'], unique=False)

    op.create_table('assessment_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('topic', sa.String(length=40), nullable=True),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.CheckConstraint('(partner_id IS NULL) <> (topic IS NULL)', name=op.f('ck_assessment_rows_one_subject')),
    sa.ForeignKeyConstraint(['answer_id'], ['assessment_answers.id'], name=op.f('fk_assessment_rows_answer_id_assessment_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['organisations.id'], name=op.f('fk_assessment_rows_partner_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_rows')),
    sa.UniqueConstraint('answer_id', 'partner_id', name='uq_assessment_rows_partner'),
    sa.UniqueConstraint('answer_id', 'topic', name='uq_assessment_rows_topic')
    )
    with op.batch_alter_table('assessment_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_rows_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index('ix_assessment_rows_partner', ['partner_id'], unique=False)



def downgrade():
    with op.batch_alter_table('assessment_rows', schema=None) as batch_op:
        batch_op.drop_index('ix_assessment_rows_partner')
        batch_op.drop_index(batch_op.f('ix_assessment_rows_answer_id'))

    op.drop_table('assessment_rows')
    with op.batch_alter_table('assessment_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_answers_status'))
        batch_op.drop_index(batch_op.f('ix_assessment_answers_round_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_answers_organisation_id'))

    op.drop_table('assessment_answers')
    op.drop_table('heads_of_spoc')
    with op.batch_alter_table('assessment_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_rounds_status'))

    op.drop_table('assessment_rounds')
