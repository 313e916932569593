"""minutes record, status and signatures

Minutes rows made before this revision were issued ones, hence the server default.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 02:38:10.707716

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='issued'))
        batch_op.add_column(sa.Column('record', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('amendment_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('signed_at', sa.DateTime(), nullable=True))
        batch_op.alter_column('issued_at',
               existing_type=sa.DateTime(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_minutes_status'), ['status'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_minutes_uuid'), ['uuid'])

    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minutes_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_signatures_minutes_id'), ['minutes_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_signatures_minutes_id_minutes'), 'minutes', ['minutes_id'], ['id'])


def downgrade():
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_signatures_minutes_id_minutes'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_signatures_minutes_id'))
        batch_op.drop_column('minutes_id')

    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_minutes_uuid'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_minutes_status'))
        batch_op.alter_column('issued_at',
               existing_type=sa.DateTime(),
               nullable=False)
        batch_op.drop_column('signed_at')
        batch_op.drop_column('amendment_reason')
        batch_op.drop_column('record')
        batch_op.drop_column('status')
        batch_op.drop_column('uuid')
