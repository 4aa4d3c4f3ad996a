"""The register's schema: its revisions (read from the migration files' names, which opening,
restoring and the server back end compare a register's revision with), Alembic's
configuration, and the register id every migrated register carries."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from rectdesk.store.models import Setting

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: object) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _revision_files() -> list[str]:
    """Revision ids from the migration file names ("0002_search_index.py" -> "0002").

    Our revisions are numbered and linear (tests/store/test_migrations.py checks this against
    Alembic), so opening an up-to-date register needs neither Alembic nor its script parsing
    (about 0.25 s of start-up).
    """
    names = (p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return sorted(name[:4] for name in names)


def head_revision() -> str:
    return _revision_files()[-1]


def known_revisions() -> set[str]:
    return set(_revision_files())


def ensure_register_id(engine: Engine) -> None:
    import uuid

    with Session(engine) as s, s.begin():
        if s.get(Setting, "register_id") is None:
            s.add(Setting(key="register_id", value=str(uuid.uuid4())))
