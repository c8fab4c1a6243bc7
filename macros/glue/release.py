"""Release an edition: check its data, tag it, build it with mike onto the ``gh-pages`` branch.

``playbook release 2026-q4`` checks the data at the commit strictly, tags the commit
``edition/2026-q4`` and has mike build the handbook from that commit, in a worktree of its
own (never from the working tree), into the folder ``2026-q4/`` of the ``gh-pages`` branch.
The newest edition by tag date gets the alias ``latest``, which is a redirect page and the
site's default. ``playbook release dev`` publishes a commit (the main branch, in CI) as the
development version. Nothing here imports MkDocs: mike runs in a process of its own.

When the data has problems, nothing is tagged and the branch is not touched; when the build
fails, a tag made for it is taken back and the branch is left as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..change.editions import DEV, newest, order_versions
from ..check.checker import check_loaded
from ..model.problems import Problem
from ..read.git import GitError, Revision, load_revision, resolve, run_git
from ..read.tags import TAG_PREFIX, edition_tags, name_problem
from . import pages_branch
from .pages_branch import BRANCH

MIKE = "import sys; from mike.driver import main; sys.exit(main())"
"""mike's command line, run by this Python (mike has no ``python -m mike``)."""


class ReleaseError(Exception):
    """A release that did not happen, and why; ``gh-pages`` is as it was."""

    def __init__(
        self, message: str, hint: str = "", status: int = 1, problems: Sequence[Problem] = ()
    ) -> None:
        """Record the reason, a hint, the exit status and the data problems, if any."""
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.status = status
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Request:
    """What to release.

    Attributes:
        name: The edition's name, or ``dev`` for the development version.
        replace: Release an edition again that is already on ``gh-pages``.
        push: Push ``gh-pages`` and the edition's tag to ``remote`` afterwards.
        remote: The remote to push to.
        rev: The commit to release; by default the edition's tag, else ``HEAD``.
        root: The project as the user named it, for the paths in messages.
    """

    name: str
    replace: bool = False
    push: bool = False
    remote: str = "origin"
    rev: str | None = None
    root: str = "."


@dataclass(frozen=True, slots=True)
class Released:
    """A release that happened: the commit built and where it is listed."""

    name: str
    commit: str
    aliases: tuple[str, ...]
    pushed: bool


def _git(project: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=project, capture_output=True, check=False, timeout=120, env=env
    )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().removeprefix("fatal: ")
        raise ReleaseError(f"git {args[0]} failed: {detail}", "check the repository (git status)")
    return done.stdout.decode("utf-8", "replace").strip()


def _tagged(project: Path, tag: str) -> str | None:
    done = run_git(project, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def _resolve(project: Path, ref: str) -> str:
    try:
        return resolve(project, ref).commit
    except GitError as err:
        raise ReleaseError(err.message, err.hint, 2) from err


def _source(project: Path, request: Request, tagged: str | None) -> tuple[str, bool]:
    """Return the commit to release and whether the edition's tag must be made or moved."""
    if request.rev is not None:
        commit = _resolve(project, request.rev)
    elif tagged is not None and not request.replace:
        return tagged, False
    else:
        commit = _resolve(project, "HEAD")
        if request.name != DEV and _git(project, "status", "--porcelain", "--untracked-files=no"):
            raise ReleaseError(
                "the working tree has uncommitted changes, and an edition is built from a commit",
                "commit or stash them first, or name the commit with --rev",
                2,
            )
    if request.name == DEV or tagged == commit:
        return commit, False
    if tagged is not None and not request.replace:
        raise ReleaseError(
            f"the tag {TAG_PREFIX}{request.name} already points at {tagged[:7]}",
            "pass --replace to move it, or release that commit (leave out --rev)",
            2,
        )
    return commit, True


def _check(project: Path, commit: str, request: Request) -> None:
    """Check the data at the commit strictly; raise with the problems when there are any."""
    try:
        loaded = load_revision(project, Revision(commit[:7], commit), request.root)
    except GitError as err:
        raise ReleaseError(err.message, err.hint, 2) from err
    problems = check_loaded(loaded)
    if problems:
        errors = sum(1 for p in problems if p.severity == "error")
        raise ReleaseError(
            f"the data at {commit[:7]} has {errors} errors and {len(problems) - errors} "
            f"warnings; nothing was released and {BRANCH} was left as it was",
            "fix them (playbook check --strict), commit, and release again",
            1,
            problems,
        )


def _tag(project: Path, name: str, commit: str, moved_from: str | None) -> Callable[[], None]:
    """Make or move the edition's tag; return how to put it back as it was.

    A moved tag keeps the date of the old one, so the edition keeps its place in the order.
    """
    tag = TAG_PREFIX + name
    env = dict(os.environ)
    old = next((t for t in edition_tags(project) if t.name == name), None)
    if moved_from is not None and old is not None:
        env["GIT_COMMITTER_DATE"] = f"{old.date} +0000"
    previous = _git(project, "rev-parse", f"refs/tags/{tag}") if moved_from else ""
    _git(project, "tag", "--annotate", "--force", "-m", f"Edition {name}", tag, commit, env=env)

    def undo() -> None:
        if previous:
            _git(project, "update-ref", f"refs/tags/{tag}", previous)
        else:
            _git(project, "tag", "--delete", tag)

    return undo


@contextmanager
def _worktree(project: Path, commit: str) -> Iterator[Path]:
    """Check the commit out in a worktree of its own for the time of the block."""
    parent = Path(tempfile.mkdtemp(prefix="playbook-release-"))
    tree = parent / "tree"
    _git(project, "worktree", "add", "--detach", "--quiet", str(tree), commit)
    try:
        yield tree
    finally:
        run_git(project, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(parent, ignore_errors=True)
        run_git(project, "worktree", "prune")


def _mike(tree: Path, name: str, commit: str, *args: str) -> int:
    """Run mike in the worktree, building with this Python's MkDocs; return its status."""
    stamp = _git(tree, "show", "-s", "--format=%ct", commit)
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PLAYBOOK_EDITION": name,
        "SOURCE_DATE_EPOCH": stamp,  # the same commit builds the same bytes
        "NO_MKDOCS_2_WARNING": "1",
    }
    if (tree / "macros" / "__init__.py").is_file():
        env["PYTHONPATH"] = str(tree)  # the engine of the released commit builds it
    done = subprocess.run([sys.executable, "-c", MIKE, *args], cwd=tree, env=env, check=False)
    return done.returncode


def _deploy(project: Path, request: Request, commit: str, aliases: tuple[str, ...]) -> bool:
    """Have mike build the commit onto the branch, then set the default; False on failure."""
    name = request.name
    with _worktree(project, commit) as tree:
        deploy = ["deploy", "--alias-type", "redirect", "--title", name]
        status = _mike(tree, name, commit, *deploy, *(["-u"] if aliases else []), name, *aliases)
        if status != 0:
            return False
        editions = [v for v in pages_branch.versions(project) if v.get("version") != DEV]
        default = "latest" if editions else DEV
        if not pages_branch.default_is(project, default):
            _mike(tree, name, commit, "set-default", "--allow-empty", default)
    return True


def release(project: Path, request: Request, say: Callable[[str], None]) -> Released:
    """Release an edition (or the development version) onto the ``gh-pages`` branch.

    Args:
        project: The project directory, inside its git repository.
        request: What to release, and whether to push it.
        say: Where progress is told (a line at a time).

    Returns:
        What was released: the commit, its aliases, whether it was pushed.

    Raises:
        ReleaseError: When the name is taken or invalid, the data has problems, the build
            fails or git fails; ``gh-pages`` is then as it was.
    """
    name = request.name
    problem = None if name == DEV else name_problem(name)
    if problem is not None:
        raise ReleaseError(problem, "choose another name, e.g. 2026-q4", 2)
    _resolve(project, "HEAD")  # a repository with a commit
    tag = TAG_PREFIX + name
    tagged = None if name == DEV else _tagged(project, tag)
    on_branch = pages_branch.versions(project, request.remote)
    if name != DEV and pages_branch.published(on_branch, name) and not request.replace:
        raise ReleaseError(
            f"the {name} edition is already released (tag {tag})",
            "pass --replace to release it again, or choose a new name",
            1,
        )
    commit, retag = _source(project, request, tagged)
    _check(project, commit, request)
    before = pages_branch.branch_head(project)
    undo = _tag(project, name, commit, tagged) if retag else None
    names = [str(v.get("version")) for v in on_branch] + [name]
    aliases = ("latest",) if name != DEV and newest(edition_tags(project), names) == name else ()
    say(f"playbook release: building {name} from {commit[:7]} in a worktree of its own")
    if not _deploy(project, request, commit, aliases):
        if undo is not None:
            undo()
        raise ReleaseError(
            f"the build of {name} failed; {BRANCH} was left as it was",
            "the messages above say why",
            1,
        )
    ordered = order_versions(pages_branch.versions(project), edition_tags(project))
    pages_branch.write_versions(project, ordered, before)
    if request.push:
        refs = [f"refs/heads/{BRANCH}"] + ([] if name == DEV else [f"+refs/tags/{tag}"])
        try:
            pages_branch.push(project, request.remote, refs)
        except GitError as err:
            raise ReleaseError(err.message, f"{BRANCH} and the tag are ready to push", 1) from err
    return Released(name, commit, aliases, request.push)
