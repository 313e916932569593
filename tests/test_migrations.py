"""The Alembic migrations and the SQLAlchemy models describe the same schema."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from inspect_app import create_app
from inspect_app.extensions import db


def _differences(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, db.metadata)


def test_migrated_database_matches_the_models(app):
    # The session's database was built by `upgrade()` alone (see conftest).
    with app.app_context():
        assert _differences(db.engine) == []


def test_migrations_downgrade_to_empty_and_upgrade_again(tmp_path):
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'roundtrip.db'}",
        "STORAGE_DIR": str(tmp_path),
    })
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert _differences(db.engine) == []
        db.engine.dispose()
