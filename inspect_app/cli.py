"""Registers every command group of the app on the `flask` CLI."""


def init_app(app) -> None:
    from .backup import cli as backup_cli
    from .checklists import cli as checklists_cli
    from .demo import cli as demo_cli
    from .documents import cli as documents_cli
    from .documents import signers_cli
    from .followup import cli as followup_cli
    from .minutes import cli as minutes_cli
    from .minutes import queue as minutes_queue
    from .remediation import cli as remediation_cli
    from .storage import cli as storage_cli

    backup_cli.init_app(app)
    checklists_cli.init_app(app)
    demo_cli.init_app(app)
    documents_cli.init_app(app)
    signers_cli.init_app(app)
    followup_cli.init_app(app)
    minutes_cli.init_app(app)
    minutes_queue.init_app(app)
    remediation_cli.init_app(app)
    storage_cli.init_app(app)
