"""The ``playbook`` command: check the data, show what a change does, keep owners current."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from .change.codeowners import CODEOWNERS, codeowners_problems, declares_github_teams, generate
from .change.diff import diff_loaded
from .change.output import DIFF_FORMATS, DiffFormat, render_diff
from .change.removals import removed_ids
from .check.checker import check_directory, check_loaded
from .check.report import FORMATS, Format, render
from .contract.json_schema import SCHEMA_DIR, schema_files
from .glue.build import BuildStoppedError, build_site
from .glue.release import ReleaseError, Request
from .glue.release import release as release_edition
from .glue.site_dir import SiteDir, SiteDirError, resolve_site_dir
from .model.codes import Code
from .model.index import Index
from .model.printable import printable
from .model.problems import Location, Problem
from .read.git import GitError, Revision, load_revision, merge_base, resolve
from .read.load import load_directory, paused_gc, shown_path
from .render.actuals import is_sample
from .render.common import DEFAULT_PAGES
from .render.definitions import FORMATS as EXPORT_FORMATS
from .render.definitions import SCHEMA_NAME, as_csv, as_json, definitions, definitions_schema
from .render.report import REPORT_FORMATS, ReportFormat, latest_month
from .render.report import report as scorecard_report

_T = TypeVar("_T")
_ROOT = click.option(
    "--root",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The handbook's project directory (holding playbook_data/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="alignment-playbook", prog_name="playbook")
def main() -> None:
    """Check, compare and publish the alignment playbook.

    Run from the project root, or name it with --root.
    """


@main.command()
@_ROOT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for workflow annotations.",
)
@click.option(
    "--base",
    metavar="REF",
    help="Also fail when an id that exists at this git revision would stop resolving.",
)
def check(root: str, strict: bool, fmt: Format, base: str | None) -> None:
    """Check every data file and report all problems at once.

    Each problem is one line, path:line:col: error|warning: message; hint.
    With --base, an id removed since REF is an error unless it is kept deprecated with
    replaced_by, or listed in another entry's renamed_from. A missing or stale
    .github/CODEOWNERS is an error when the file exists, or when the data names GitHub
    teams and the project has a .github/ directory (run playbook codeowners).
    Exit status: 0 when clean, 1 when problems were found, 2 on usage and git errors.

    Example: playbook check --strict --format github --base origin/main
    """
    project = Path(root)
    with paused_gc():
        loaded = load_directory(project, root)
        found = list(check_loaded(loaded))  # sorted
    checked = len(found)
    if not any(p.severity == "error" for p in found):
        found += codeowners_problems(loaded.playbook, project, root)
    if base is not None:
        revision = _git(lambda: resolve(project, base))
        old = _git(lambda: load_revision(project, revision, root))
        found += removed_ids(old, loaded, base, root)
    if len(found) > checked:
        found.sort(key=lambda p: (p.where, p.severity, p.message))
    sys.stdout.write(render(found, fmt))
    failing = [p for p in found if p.severity == "error" or strict]
    sys.exit(1 if failing else 0)


def _git(step: Callable[[], _T]) -> _T:
    """Run a git step; on failure, print the reason and a hint, and exit with status 2."""
    try:
        return step()
    except GitError as err:
        click.echo(f"playbook: error: {printable(err.message)}", err=True)
        if err.hint:
            click.echo(f"hint: {printable(err.hint)}", err=True)
        sys.exit(2)


@main.command()
@_ROOT
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS),
    default="text",
    show_default=True,
    help="text for people, markdown for a pull-request comment, json for programs.",
)
def diff(root: str, base: str | None, head: str | None, fmt: DiffFormat) -> None:
    """Show what changed in the playbook between two git revisions, entry by entry.

    BASE defaults to where the current branch left main (the merge base with main, else
    origin/main); HEAD defaults to the working tree. Old sides are read with git, without
    a checkout. Changes that need the approval of more than one team are marked.
    When a side has loading errors, what loaded is compared and the errors are counted.
    Exit status: 0 when the diff was shown, 2 on usage and git errors.

    Example: playbook diff --format markdown origin/main HEAD > diff.md
    """
    project = Path(root)
    old_side: Revision = _git(
        lambda: resolve(project, base) if base is not None else merge_base(project)
    )
    old = _git(lambda: load_revision(project, old_side, root))
    if head is None:
        new, head_label = load_directory(project, root), "the working tree"
    else:
        new_side = _git(lambda: resolve(project, head))
        new, head_label = _git(lambda: load_revision(project, new_side, root)), head
    changes = diff_loaded(old, new, old_side.label, head_label)
    sys.stdout.write(render_diff(changes, fmt))


@main.command()
@_ROOT
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the file instead of writing it.")
def codeowners(root: str, to_stdout: bool) -> None:
    """Write .github/CODEOWNERS from the role charter's github_team fields.

    Each data file is owned by the GitHub teams of the roles and teams owning its entries
    (a role's own github_team, else its team's); slas.yml by both sides of every SLA and
    roles.yml by every team. The data must pass playbook check first.
    Exit status: 0 when written, 1 when the data has errors, 2 on usage errors.

    Example: playbook codeowners && git add .github/CODEOWNERS
    """
    project = Path(root)
    playbook, problems = check_directory(project, root)
    errors = [p for p in problems if p.severity == "error"]
    if not errors and not declares_github_teams(playbook):
        where = Location(shown_path(root, "roles.yml"))
        hint = "add 'github_team: \"@organization/team-slug\"' to the teams in roles.yml"
        message = "no team or role declares github_team"
        errors = [Problem(where, "error", message, hint, Code.GITHUB_TEAM)]
    if errors:
        sys.stdout.write(render(errors, "text"))
        sys.exit(1)
    text = generate(playbook)
    if to_stdout:
        sys.stdout.write(text)
        return
    path = project / CODEOWNERS
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        click.echo(f"{CODEOWNERS} is up to date")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {CODEOWNERS}")


@main.command()
@_ROOT
@click.option(
    "--check", "only_check", is_flag=True, help="Fail when a schema is stale; write none."
)
def schemas(root: str, only_check: bool) -> None:
    """Write schema/*.schema.json, the JSON Schema of each data file, from the data contract.

    Editors that speak the YAML language server read the schema named on each data file's
    first line and flag unknown fields, wrong types and values outside a set while typing.
    The committed schemas hold no ids of entries, so adding an entry never makes them stale.
    Exit status: 0 when written or up to date, 1 with --check when one is stale.

    Example: playbook schemas --check
    """
    folder = Path(root) / SCHEMA_DIR
    wanted = {**schema_files(), SCHEMA_NAME: definitions_schema()}
    stale = [
        name
        for name, text in wanted.items()
        if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
    ]
    if only_check:
        for name in stale:
            click.echo(f"{SCHEMA_DIR}/{name}: error: out of date; run playbook schemas")
        sys.exit(1 if stale else 0)
    folder.mkdir(exist_ok=True)
    for name in stale:
        (folder / name).write_text(wanted[name], encoding="utf-8")
        click.echo(f"wrote {SCHEMA_DIR}/{name}")
    if not stale:
        click.echo(f"{SCHEMA_DIR}/ is up to date")


@main.command()
@_ROOT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json: definitions.json; csv: one row per entry, for spreadsheets.",
)
@click.option(
    "--site-url",
    default="",
    help="The site's address (its site_url), for each entry's absolute URL; else none.",
)
def export(root: str, fmt: str, site_url: str) -> None:
    """Print every entry of every kind, for CRMs, BI tools and spreadsheets.

    Each entry: id, kind, display name, owners, status, its path in the site (and its URL
    with --site-url), plain-text and HTML definitions, and the entries it refers to.
    The JSON is the site's definitions.json (schema/definitions.schema.json); in the CSV no
    cell starts a formula (= + - @ get a leading apostrophe). The data must pass playbook
    check first. Exit status: 0 when printed, 1 when the data has errors.

    Example: playbook export --format csv > definitions.csv
    """
    playbook, problems = check_directory(Path(root), root)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        sys.stdout.write(render(errors, "text"))
        sys.exit(1)
    records = definitions(Index(playbook), DEFAULT_PAGES, site_url)
    sys.stdout.write(as_json(records) if fmt == "json" else as_csv(records))


@main.command()
@_ROOT
@click.option(
    "--period", default="", help="The month, e.g. 2026-11; default the latest with actuals."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text for people, markdown for a pull-request comment, json for programs.",
)
def report(root: str, period: str, fmt: ReportFormat) -> None:
    """Print the scorecard of a month: each KPI's actual against its target, by owner.

    What was met, what was missed and by how much, grouped by the role that owns each
    KPI, for the monthly meeting and the pull request that adds a month of actuals. A KPI
    counted per quarter shows the quarter holding the month. The data must pass playbook
    check first. Exit status: 0 when printed, 1 when the data has errors, 2 on usage errors.

    Example: playbook report --period 2026-11 --format markdown
    """
    playbook, problems = check_directory(Path(root), root)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        sys.stdout.write(render(errors, "text"))
        sys.exit(1)
    month = period or latest_month(playbook)
    if not month:
        raise click.UsageError("there are no monthly actuals; name a month with --period")
    try:
        sys.stdout.write(scorecard_report(playbook, month, fmt, is_sample(playbook)))
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--period") from err


@main.command()
@_ROOT
@click.option(
    "--site-dir",
    default="site",
    show_default=True,
    help="Where the site goes, relative to the project root.",
)
def build(root: str, site_dir: str) -> None:
    """Build the handbook site strictly, replacing the previous one only on success.

    MkDocs builds into a new directory next to the site directory; the new site is swapped
    in when the build succeeds. When it fails (data errors or warnings, a broken page) or
    is stopped (SIGTERM, SIGINT, SIGHUP), the previous site is left exactly as it was and
    MkDocs' messages say why, with path:line:col for every data problem.
    Exit status: 0 when built, 1 when the build failed, 2 on usage errors, 128 + the
    signal's number when stopped.

    Example: playbook build --site-dir public
    """
    project = Path(root)
    if not (project / "mkdocs.yml").is_file():
        click.echo(f"playbook: error: no mkdocs.yml in {root}", err=True)
        click.echo("hint: run from the project root, or name it with --root", err=True)
        sys.exit(2)
    try:
        site = resolve_site_dir(project, site_dir)
    except SiteDirError as err:
        click.echo(
            f"playbook: error: --site-dir {site_dir!r}: {err}; choose another --site-dir "
            "(a new directory, or one holding a built site)",
            err=True,
        )
        sys.exit(2)
    sys.exit(_build_into(project, site))


def _build_into(project: Path, site: SiteDir) -> int:
    """Build ``project`` into ``site``, say how it went and return the exit status."""
    try:
        status = build_site(project, site)
    except BuildStoppedError as err:
        click.echo(f"playbook build: stopped by {err}; {site.shown} was left as it was", err=True)
        return 128 + err.signum
    except OSError as err:
        click.echo(f"playbook build: error: {err.strerror or err}: {err.filename}", err=True)
        click.echo(f"playbook build: failed; {site.shown} was left as it was", err=True)
        return 1
    if status != 0:
        click.echo(f"playbook build: failed; {site.shown} was left as it was", err=True)
        return 1
    click.echo(f"playbook build: built {site.shown}")
    return 0


@main.command()
@_ROOT
@click.argument("name")
@click.option("--replace", is_flag=True, help="Release an edition that is already released again.")
@click.option("--push", is_flag=True, help="Push gh-pages and the edition's tag afterwards.")
@click.option("--remote", default="origin", show_default=True, help="The remote --push pushes to.")
@click.option(
    "--rev",
    metavar="REF",
    help="The commit to release (default: the edition's tag if it exists, else HEAD).",
)
def release(  # noqa: PLR0913, PLR0917 - click passes one parameter per option
    root: str, name: str, replace: bool, push: bool, remote: str, rev: str | None
) -> None:
    """Release an edition of the handbook: tag it and publish it on the gh-pages branch.

    Checks the data at the commit strictly, tags it edition/NAME and has mike build the
    handbook from that commit, in a worktree of its own, into the folder NAME/ of the
    gh-pages branch. The newest edition by tag date gets the alias latest (a redirect
    page), which the site's root sends readers to. NAME dev publishes the commit as the
    development version instead, without a tag. Releasing a NAME that is already released
    fails unless --replace is given. Without --push nothing leaves the repository; preview
    with make editions. When the data has problems or the build fails, nothing is tagged
    and gh-pages is left as it was.
    Exit status: 0 when released, 1 when the data, the build or git failed or the name is
    taken, 2 on usage errors.

    Example: playbook release 2026-q4 --push
    """
    request = Request(name, replace=replace, push=push, remote=remote, rev=rev, root=root)
    try:
        done = release_edition(Path(root), request, click.echo)
    except ReleaseError as err:
        if err.problems:
            sys.stdout.write(render(list(err.problems), "text"))
        click.echo(f"playbook release: error: {printable(err.message)}", err=True)
        if err.hint:
            click.echo(f"hint: {printable(err.hint)}", err=True)
        sys.exit(err.status)
    aliases = f" as {', '.join(done.aliases)}" if done.aliases else ""
    where = f"pushed to {remote}" if done.pushed else "not pushed (preview: make editions)"
    click.echo(f"playbook release: released {name} from {done.commit[:7]}{aliases}; {where}")
