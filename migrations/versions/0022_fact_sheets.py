"""Country fact sheets: one row per country and section; the four free-text profile fields move into their
sections (nothing lost: the profile's verification date becomes each moved section's), then leave organisations

Revision ID: 0022
Revises: 0021

"""
from datetime import UTC, datetime, time

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

# old column -> (section, field)
MOVED = {
    'law_enforcement_agencies': ('services', 'police_services'),
    'spoc_structure': ('spoc', 'spoc_organisation'),
    'working_languages': ('languages_hours', 'working_languages'),
    'contact_channel': ('contacts', 'contact_notes'),
}

organisations = sa.table(
    'organisations', sa.column('id', sa.Integer), sa.column('spoc_structure', sa.Text),
    sa.column('contact_channel', sa.Text), sa.column('working_languages', sa.String),
    sa.column('law_enforcement_agencies', sa.Text), sa.column('profile_verified_on', sa.Date),
    sa.column('profile_updated_at', sa.DateTime(timezone=True)))
sections = sa.table(
    'fact_sheet_sections', sa.column('id', sa.Integer), sa.column('organisation_id', sa.Integer),
    sa.column('section', sa.String), sa.column('values', sa.JSON),
    sa.column('updated_at', sa.DateTime(timezone=True)), sa.column('last_verified_at', sa.DateTime(timezone=True)),
    sa.column('version', sa.Integer))


def _aware(value):
    if isinstance(value, str):  # SQLite without the type's processing
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def upgrade():
    op.create_table('fact_sheet_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=32), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('last_verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_verified_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['last_verified_by_id'], ['users.id'], name=op.f('fk_fact_sheet_sections_last_verified_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_fact_sheet_sections_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_fact_sheet_sections_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_sheet_sections')),
    sa.UniqueConstraint('organisation_id', 'section', name='uq_fact_sheet_sections_country')
    )
    with op.batch_alter_table('fact_sheet_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fact_sheet_sections_organisation_id'), ['organisation_id'], unique=False)

    connection = op.get_bind()
    rows = []
    for org in connection.execute(sa.select(organisations)).mappings():
        verified = org['profile_verified_on']
        if isinstance(verified, str):
            verified = datetime.fromisoformat(verified).date()
        verified_at = datetime.combine(verified, time(), UTC) if verified else None
        for column, (section, field) in MOVED.items():
            if org[column]:
                rows.append({'organisation_id': org['id'], 'section': section, 'values': {field: org[column]},
                             'updated_at': _aware(org['profile_updated_at']), 'last_verified_at': verified_at,
                             'version': 1})
    if rows:
        op.bulk_insert(sections, rows)

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        for column in (*MOVED, 'profile_verified_on', 'profile_updated_at'):
            batch_op.drop_column(column)


def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spoc_structure', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_channel', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('working_languages', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('law_enforcement_agencies', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('profile_verified_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('profile_updated_at', sa.DateTime(timezone=True), nullable=True))
    connection = op.get_bind()
    for row in connection.execute(sa.select(sections)).mappings():
        for column, (section, field) in MOVED.items():
            if row['section'] == section and (row['values'] or {}).get(field):
                connection.execute(organisations.update().where(organisations.c.id == row['organisation_id'])
                                   .values({column: row['values'][field]}))
    with op.batch_alter_table('fact_sheet_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_sheet_sections_organisation_id'))
    op.drop_table('fact_sheet_sections')
