"""inspect_app: offline-first field inspections for administrative-reform audits."""
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints and commands, nothing else."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder=str(ROOT / "static"),
        static_url_path="/static",
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import config

    app.config.update(config.load(app.instance_path))
    app.config["CHECKLIST_DIR"] = str(ROOT / "checklists")
    if test_config:
        app.config.update(test_config)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS",
                          config.engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))

    # models: the whole schema, for Alembic
    from . import (  # noqa: F401
        client_address, errors, models, nav, nfc, security_headers, sqlite, storage)
    from .extensions import csrf, db, migrate

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = nfc.engine_options(
        app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    db.init_app(app)
    sqlite.init_app(app, db)
    nfc.init_app(app, db)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)

    from .org import auth, session_cookie

    session_cookie.init_app(app)
    auth.init_app(app)  # before the CSRF check: a call without a session is a 401, not a CSRF 400
    csrf.init_app(app)
    errors.init_app(app)
    security_headers.init_app(app)
    storage.init_app(app)
    nav.init_app(app)
    client_address.init_app(app)

    from .minutes import signing

    config.check_production(app.config)
    signing.init_app(app)

    from . import cli, health
    from .backup import views as backup_views
    from .checklists import views as checklist_views
    from .documents import views as document_views
    from .followup import dashboard_views, export_views
    from .followup import views as round_views
    from .inspections import api as sync_api
    from .minutes import views as minutes_views
    from .org import admin_views
    from .org import views as org_views
    from .photos import api as photos_api
    from .pwa import views as pwa_views
    from .remediation import blueprint as remediation_views
    from .workspace import views as workspace_views

    app.register_blueprint(health.bp)
    app.register_blueprint(org_views.bp)
    for area in (admin_views, checklist_views, round_views, sync_api, photos_api, pwa_views,
                 minutes_views, backup_views, remediation_views, export_views, dashboard_views,
                 workspace_views, document_views):
        area.init_app(app)
    cli.init_app(app)
    return app
