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


def test_text_stored_decomposed_before_0008_is_composed_by_it(tmp_path):
    import json
    import unicodedata

    name, title = "Xã Tiền Phong", "Kỷ luật, kỷ cương"
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'nfd.db'}",
        "STORAGE_DIR": str(tmp_path),
    })
    with app.app_context():
        upgrade(revision="0007")
        # Written past SQLAlchemy (whose engine now normalises), as older versions stored it.
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("INSERT INTO org_units (name, kind, historical, created_at, updated_at) "
                           "VALUES (?, 'commune', 0, '2026-12-05', '2026-12-05')",
                           (unicodedata.normalize("NFD", name),))
            cursor.execute("INSERT INTO checklists (slug, title, created_at) "
                           "VALUES ('kl', ?, '2026-12-05')",
                           (unicodedata.normalize("NFD", title),))
            cursor.execute("INSERT INTO checklist_versions (checklist_id, version, content_hash, "
                           "definition, imported_at) VALUES (1, 1, 'x', ?, '2026-12-05')",
                           (json.dumps({"title": unicodedata.normalize("NFD", title)}),))
            raw.commit()
        finally:
            raw.close()
        upgrade()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT name FROM org_units").scalar() == name
            assert conn.exec_driver_sql("SELECT title FROM checklists").scalar() == title
            stored = conn.exec_driver_sql("SELECT definition FROM checklist_versions").scalar()
            assert json.loads(stored) == {"title": title}
        db.engine.dispose()


def test_photos_stored_before_0012_are_known_after_it(tmp_path):
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'files.db'}",
        "STORAGE_DIR": str(tmp_path),
    })
    stored, waiting = "a" * 64, "b" * 64
    with app.app_context():
        upgrade(revision="0011_hosts")
        with db.engine.begin() as conn:
            for uuid, sha256, flag in (("p1", stored, 1), ("p2", stored, 1), ("p3", waiting, 0)):
                conn.exec_driver_sql(
                    "INSERT INTO photos (uuid, sha256, stored, created_at) "
                    "VALUES (?, ?, ?, '2026-12-05')", (uuid, sha256, flag))
        upgrade()
        from inspect_app.photos.operations import is_stored

        assert (is_stored(stored), is_stored(waiting)) == (True, False)
        db.engine.dispose()
