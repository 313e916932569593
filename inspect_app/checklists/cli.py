"""`flask checklists validate|import`."""


def init_app(app) -> None:
    pass
