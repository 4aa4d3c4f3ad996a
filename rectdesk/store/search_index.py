"""The search index for a register of either kind: FTS5 in a file (store/search.py), pg_trgm
on a server (store/search_pg.py). Callers open it here, so neither module imports the other
the wrong way round."""

from __future__ import annotations

from rectdesk.store.register import Register
from rectdesk.store.search import SearchIndex


def open_search(reg: Register, campaign_id: int) -> SearchIndex:
    if reg.engine.dialect.name != "sqlite":
        from rectdesk.store.search_pg import PgSearchIndex

        return PgSearchIndex(reg, campaign_id)
    return SearchIndex(reg, campaign_id)
