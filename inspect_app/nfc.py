"""Text is stored in Unicode NFC, whichever way it reaches the database.

Some phones and Macs type Vietnamese decomposed (NFD): "ệ" as e + two combining marks. Printed, it
was normalised; stored, it was not, so the database, the exports and the API held other bytes than
the PDF, and a search for a name typed one way missed it typed the other. Normalising at the
driver's door covers every writer at once: the ORM, the push's prebuilt statements (plainsql), the
command line and the migrations. JSON columns are serialised with their strings normalised first,
since the driver sees only their escaped text.
"""
import json
import unicodedata

from sqlalchemy import event

FORM = "NFC"


def nfc(value):
    """`value` with every string in it (in lists and mappings too, keys included) in NFC."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized(FORM, value) else unicodedata.normalize(FORM, value)
    if isinstance(value, list | tuple):
        return type(value)(nfc(v) for v in value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


def json_dumps(value) -> str:
    """The JSON columns' serialiser: SQLAlchemy's (json.dumps), strings in NFC."""
    return json.dumps(nfc(value))


def _parameters(params):
    # One statement's parameters: a mapping or a sequence; executemany: a list of either.
    if isinstance(params, dict):
        return {k: nfc(v) if isinstance(v, str) else v for k, v in params.items()}
    if isinstance(params, list | tuple):
        if params and isinstance(params[0], dict | list | tuple):
            return type(params)(_parameters(p) for p in params)
        return type(params)(nfc(v) if isinstance(v, str) else v for v in params)
    return params


def engine_options(options: dict) -> dict:
    """The engine's options with the JSON serialiser that stores NFC (set before db.init_app)."""
    return {**options, "json_serializer": json_dumps}


def init_app(app, db) -> None:
    """Normalise every string parameter the app's engine sends to the database."""
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def normalise(_conn, _cursor, statement, parameters, _context, _executemany):
        return statement, _parameters(parameters)
