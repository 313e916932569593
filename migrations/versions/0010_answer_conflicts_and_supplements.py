"""answer conflicts between devices, supplements sent to the lead after signing, who recorded
attendance

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 14:00:00

Two phones answering one item differently, neither having seen the other's answer, open a
conflict the team lead settles; an edit refused because the minutes were signed can travel to
the lead as a supplement. Attendance rows name who recorded them, as photos already do.
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None
FK = 'fk_attendance_recorded_by_id_users'


def upgrade():
    op.create_table(
        'answer_conflicts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('inspection_id', sa.Integer(), sa.ForeignKey('inspections.id'), nullable=False,
                  index=True),
        sa.Column('checklist_version_id', sa.Integer(), sa.ForeignKey('checklist_versions.id'),
                  nullable=False),
        sa.Column('item_id', sa.String(64), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=False),
        sa.Column('settled_at', sa.DateTime()),
        sa.Column('settled_by_id', sa.Integer(), sa.ForeignKey('users.id')),
        sa.Column('chosen_op_id', sa.String(36)),
    )
    op.create_table(
        'supplements',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('uuid', sa.String(36), nullable=False, unique=True),
        sa.Column('inspection_id', sa.Integer(), sa.ForeignKey('inspections.id'), nullable=False,
                  index=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id')),
        sa.Column('checklist_version_id', sa.Integer(), sa.ForeignKey('checklist_versions.id')),
        sa.Column('item_id', sa.String(64)),
        sa.Column('value', sa.JSON()),
        sa.Column('note', sa.Text()),
        sa.Column('photo_sha256s', sa.JSON(), nullable=False),
        sa.Column('reason', sa.Text()),
        sa.Column('recorded_at', sa.DateTime()),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('minutes_id', sa.Integer(), sa.ForeignKey('minutes.id')),
    )
    with op.batch_alter_table('attendance') as batch:
        batch.add_column(sa.Column('recorded_by_id', sa.Integer()))
        batch.create_foreign_key(FK, 'users', ['recorded_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('attendance') as batch:
        batch.drop_constraint(FK, type_='foreignkey')
        batch.drop_column('recorded_by_id')
    op.drop_table('supplements')
    op.drop_table('answer_conflicts')
