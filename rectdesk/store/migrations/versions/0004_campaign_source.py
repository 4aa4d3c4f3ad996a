"""Campaign source: the content hash and name of the document a campaign was imported from,
so that importing the same document again is noticed (issue 15: update, add as new, or cancel).
Change log: the problem each entry concerns, so that entries of a deleted measure, progress
entry or evidence stay in the problem's history (the log is append-only).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("campaign", sa.Column("source_hash", sa.String(64), nullable=False,
                                        server_default=""))
    op.add_column("campaign", sa.Column("source_name", sa.String(300), nullable=False,
                                        server_default=""))
    op.create_index("ix_campaign_source_hash", "campaign", ["source_hash"])
    op.add_column("change_log", sa.Column("problem_id", sa.Integer(), nullable=True))
    op.create_index("ix_change_log_problem_id", "change_log", ["problem_id"])
    for sql in _BACKFILL:  # entries of items that still exist
        op.execute(sql)


_BACKFILL = (
    "UPDATE change_log SET problem_id = entity_id WHERE entity = 'problem'",
    "UPDATE change_log SET problem_id = (SELECT m.problem_id FROM measure m "
    "WHERE m.id = change_log.entity_id) WHERE entity = 'measure'",
    "UPDATE change_log SET problem_id = (SELECT m.problem_id FROM progress g JOIN measure m "
    "ON m.id = g.measure_id WHERE g.id = change_log.entity_id) WHERE entity = 'progress'",
    "UPDATE change_log SET problem_id = (SELECT m.problem_id FROM extension e JOIN measure m "
    "ON m.id = e.measure_id WHERE e.id = change_log.entity_id) WHERE entity = 'extension'",
    "UPDATE change_log SET problem_id = (SELECT COALESCE(v.problem_id, m.problem_id) "
    "FROM evidence v LEFT JOIN measure m ON m.id = v.measure_id "
    "WHERE v.id = change_log.entity_id) WHERE entity = 'evidence'",
)


def downgrade() -> None:
    op.drop_index("ix_change_log_problem_id", "change_log")
    op.drop_column("change_log", "problem_id")
    op.drop_index("ix_campaign_source_hash", "campaign")
    op.drop_column("campaign", "source_name")
    op.drop_column("campaign", "source_hash")
