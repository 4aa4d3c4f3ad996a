"""The register store: SQLAlchemy models, migrations, services and the evidence file store.

Import submodules directly (`from rectdesk.store.register import Register`); this package
imports nothing heavy itself so that the GUI can start before SQLAlchemy is loaded.
"""
