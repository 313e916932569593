
from inspect_app import create_app


def test_healthz_answers_ok_with_database(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_database_unreachable(tmp_path):
    # A PostgreSQL port nothing listens on: the app starts, the probe fails cleanly.
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2",
        "STORAGE_DIR": str(tmp_path),
    })
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503
    assert resp.json["database"] == "unreachable"
    with app.app_context():
        from inspect_app.extensions import db
        db.engine.dispose()

