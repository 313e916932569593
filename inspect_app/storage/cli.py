"""`flask storage copy-to s3://bucket/prefix` and `flask storage check`."""
import click
from flask import current_app
from flask.cli import AppGroup

from .factory import BadStorageUrl, from_url, storage
from .interface import StorageUnavailable
from .transfer import check_store, copy_store

EXIT_DAMAGED = 3

storage_cli = AppGroup("storage", help="Copy and check the stored photos and PDFs.")


@storage_cli.command("copy-to")
@click.argument("url")
def copy_to_command(url):
    """Copy the app's store (STORAGE_DIR or STORAGE_URL) into URL (s3://bucket/prefix), checking
    every SHA-256. Resumable: run it again after an interruption; what is there is skipped."""
    source = storage()
    try:
        target = from_url(url, current_app.config)
        click.echo(f"copying {source.describe()} -> {target.describe()}")
        tally = copy_store(source, target, click.echo)
    except (BadStorageUrl, StorageUnavailable) as err:
        raise click.ClickException(getattr(err, "detail", None) or str(err)) from None
    click.echo(f"{tally.copied} copied, {tally.already} already there and identical, "
               f"{len(tally.damaged)} damaged (not copied).")
    if tally.damaged:
        raise SystemExit(EXIT_DAMAGED)


@storage_cli.command("check")
def check_command():
    """Read every stored object and compare its SHA-256 with its name or the recorded one."""
    store = storage()
    try:
        tally = check_store(store)
    except StorageUnavailable as err:
        raise click.ClickException(err.detail) from None
    for damage in tally.damaged:
        click.echo(f"damaged: {damage}", err=True)
    click.echo(f"{store.describe()}: {tally.verified} verified, {tally.unrecorded} read whole "
               f"(no hash recorded to compare), {len(tally.damaged)} damaged.")
    if tally.damaged:
        raise SystemExit(EXIT_DAMAGED)


def init_app(app) -> None:
    app.cli.add_command(storage_cli)
