"""`flask checklists validate|import [PATH]`: PATH is a file or a folder (default: checklists/);
`flask checklists import-xlsform [--lenient] FILE.xlsx|FILE.xls` writes a checklist file converted
from an XLSForm."""
import click
from flask import current_app
from flask.cli import AppGroup

from .legal import basis_kind
from .loader import iter_items, load_path
from .scoring import can_fail

group = AppGroup("checklists", help="Validate and import checklist files.")


def _path(path: str | None) -> str:
    return path or current_app.config["CHECKLIST_DIR"]


def basis_counts(definition: dict) -> dict:
    """How many items stand on a verified article, on a document only, on practice (or the
    office's target), and how many are record fields that need none."""
    counts = {"article": 0, "document": 0, "practice": 0, "none": 0}
    for _, item in iter_items(definition):
        kind = basis_kind(item)
        counts["none" if kind == "none" and not can_fail(item) else kind] += 1
    return counts


@group.command("validate")
@click.argument("path", required=False)
def validate(path):
    """Report every problem (file, item id, reason) and exit 1 if there is any; warn of items
    without a verified article; print what each checklist's items stand on."""
    results = load_path(_path(path))
    problems = [p for r in results for p in r.problems]
    for problem in problems:
        click.echo(str(problem), err=True)
    warnings = [w for r in results for w in r.warnings]
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    unverified = sum(1 for w in warnings if "without a verified article" in w.reason)
    if warnings:
        click.echo(f"{len(warnings)} warning(s), {unverified} item(s) without a verified article.",
                   err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s): refused.", err=True)
        raise SystemExit(1)
    for r in results:
        c = basis_counts(r.definition)
        click.echo(f"{r.definition['slug']}: {sum(c.values())} items: {c['article']} on a verified "
                   f"article, {c['document']} on a document only, {c['practice']} on practice or "
                   f"the office's target, {c['none']} record fields.")
    items = sum(1 for r in results for _ in iter_items(r.definition))
    click.echo(f"{len(results)} file(s), {items} items: valid.")


@group.command("import")
@click.argument("path", required=False)
def import_(path):
    """Import files: new checklists, new versions of changed ones; invalid files are refused."""
    from . import operations

    refused = False
    for r in operations.import_path(_path(path)):
        if r.status == "refused":
            refused = True
            click.echo(f"{r.path}: refused", err=True)
            for problem in r.problems:
                click.echo(f"  {problem}", err=True)
        elif r.status == "new_version":
            click.echo(f"{r.path}: {r.slug} new version {r.version}")
        else:
            click.echo(f"{r.path}: {r.slug} {r.status} (version {r.version})")
    if refused:
        raise SystemExit(1)


@group.command("import-xlsform")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--slug", help="The checklist's slug (default: form_id of the settings sheet).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder to write SLUG.yaml in (default: the checklist folder).")
@click.option("--force", is_flag=True, help="Replace an existing SLUG.yaml.")
@click.option("--lenient", is_flag=True,
              help="Leave out what does not convert (each row listed) instead of refusing.")
def import_xlsform(file, slug, out_dir, force, lenient):
    """Convert an XLSForm (.xlsx, .xls). Strict: any unsupported row is reported and nothing is
    written. Lenient: what converts is written and every row left out is listed."""
    from . import xlsform
    from . import xlsform_messages as say

    conversion = xlsform.convert(file, slug, lenient=lenient)
    problems = conversion.problems
    if not problems:
        target, problems = xlsform.write(conversion, out_dir or _path(None), force)
    for line in conversion.skipped + conversion.dropped:
        click.echo(f"{file}: {line}", err=True)
    for problem in problems:
        click.echo(f"{file}: {problem}", err=True)
    if problems:
        click.echo(f"{file}: {say.NOTHING_WRITTEN}", err=True)
        raise SystemExit(1)
    items = sum(len(s["items"]) for s in conversion.definition["sections"])
    click.echo(say.WRITTEN.format(target=target, items=items))


def init_app(app) -> None:
    app.cli.add_command(group)
