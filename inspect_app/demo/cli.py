"""`flask seed-demo`: the demo office with its accounts, refused in production."""
import click
from flask import current_app
from flask.cli import with_appcontext

from . import data


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (but list the accounts) when data exists.")
@with_appcontext
def seed_demo(if_empty: bool) -> None:
    """Fill an empty database with realistic Vietnamese demo data."""
    from . import seed  # imported on use: it pulls in most of the app

    if current_app.config["INSPECT_ENV"] == "production":
        raise click.ClickException("Demo data (with password 'demo') is refused in production.")
    if not seed.database_is_empty():
        if not if_empty:
            raise click.ClickException("The database already holds data; demo data goes only into an empty one.")
        click.echo("The database already holds data; demo data not added.")
    else:
        made = seed.seed(current_app.config["CHECKLIST_DIR"])
        click.echo(f"Demo data: {made['units']} communes and wards, {made['rounds']} rounds, "
                   f"{made['inspections']} inspections.")
    click.echo("Demo accounts (password: demo):")
    for username, full_name, position, _role in data.ACCOUNTS:
        click.echo(f"  {username:<10} {full_name} — {position}")


def init_app(app) -> None:
    app.cli.add_command(seed_demo)
