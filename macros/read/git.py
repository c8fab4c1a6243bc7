"""Read a playbook as it was at a git revision, with ``git`` itself and no checkout.

The data files of a revision are listed with ``git ls-tree`` and read with ``git cat-file``,
then loaded by :func:`macros.read.load.load_texts` exactly as files on disk are.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from ..contract.schema import DATA_DIR
from ..model.codes import Code
from ..model.hints import closest
from ..model.problems import Location, Problem
from .files import not_a_file
from .load import Loaded, load_texts
from .yaml_nodes import MAX_FILE_BYTES

MAIN_BRANCHES = ("main", "origin/main")
"""Where ``playbook diff`` looks for the main line, in order, to find the merge base."""


class GitError(Exception):
    """Git could not answer: not a repository, an unknown revision, git missing."""

    def __init__(self, message: str, hint: str) -> None:
        """Create the error.

        Args:
            message: What went wrong, in one sentence without a final period.
            hint: How to fix it.
        """
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)


@dataclass(frozen=True, slots=True)
class Revision:
    """A commit to read the playbook from, and how the user named it.

    Attributes:
        label: The name shown in output, e.g. ``origin/main`` or ``the merge base with main``.
        commit: The full commit id.
    """

    label: str
    commit: str


def run_git(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``project`` with fixed arguments (never a shell); return the finished process.

    Raises:
        GitError: When git is not installed or ``project`` is not a directory.
    """
    try:
        return subprocess.run(
            ["git", *args], cwd=project, capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError as err:
        raise GitError("git is not installed", "install git and put it on PATH") from err
    except NotADirectoryError as err:
        raise GitError(f"'{project}' is not a directory", "name the project with --root") from err


def _output(project: Path, *args: str) -> str:
    done = run_git(project, *args)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().removeprefix("fatal: ")
        raise GitError(f"git {args[0]} failed: {detail}", "check the revision and the project")
    return done.stdout.decode("utf-8", "replace")


def _require_repository(project: Path) -> None:
    if not project.is_dir():
        raise GitError(f"'{project}' is not a directory", "name the project with --root")
    done = run_git(project, "rev-parse", "--git-dir")
    if done.returncode != 0:
        raise GitError(
            f"'{project}' is not in a git repository",
            "run from a clone of the playbook, or name it with --root",
        )


def _known_refs(project: Path) -> list[str]:
    done = run_git(project, "for-each-ref", "--format=%(refname:short)")
    return done.stdout.decode("utf-8", "replace").split() if done.returncode == 0 else []


def resolve(project: Path, ref: str) -> Revision:
    """Return the commit a branch, tag or commit id names.

    Args:
        project: A directory inside the repository.
        ref: The revision as the user wrote it.

    Returns:
        The revision, labelled with ``ref``.

    Raises:
        GitError: When git is missing, ``project`` is not in a repository or ``ref`` is unknown.
    """
    _require_repository(project)
    done = run_git(
        project, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
    )
    if done.returncode != 0:
        near = closest(ref, _known_refs(project))
        hint = (
            "did you mean " + " or ".join(f"'{name}'" for name in near) + "?"
            if near
            else "name a branch, tag or commit; fetch a remote branch first "
            "(git fetch origin main; in CI, check out with fetch-depth: 0)"
        )
        raise GitError(f"unknown git revision '{ref}'", hint)
    return Revision(ref, done.stdout.decode().strip())


def merge_base(project: Path, head: str = "HEAD") -> Revision:
    """Return where the current branch left the main line (``main``, else ``origin/main``).

    Args:
        project: A directory inside the repository.
        head: The revision whose merge base is wanted.

    Returns:
        The merge base, labelled ``the merge base with main`` (or ``origin/main``).

    Raises:
        GitError: When there is no main branch, or it shares no history with ``head``.
    """
    _require_repository(project)
    for branch in MAIN_BRANCHES:
        done = run_git(project, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}")
        if done.returncode != 0:
            continue
        base = run_git(project, "merge-base", branch, head)
        if base.returncode != 0:
            raise GitError(
                f"'{head}' shares no history with '{branch}'",
                "fetch the whole history (git fetch --unshallow; in CI, fetch-depth: 0) "
                "or name the base revision",
            )
        return Revision(f"the merge base with {branch}", base.stdout.decode().strip())
    raise GitError(
        "there is no 'main' or 'origin/main' branch to compare with",
        "name the base revision, e.g. playbook diff origin/master",
    )


_MODES = {"100644": None, "100755": None, "120000": "a symbolic link", "040000": "a directory"}
"""What a tree entry is, by its git mode: None for a regular file (see :func:`kind_of`)."""


def git_kind(mode: str) -> str | None:
    """Return what a tree entry of this mode is when it is not a regular file, else None.

    The same rule as on disk: a symbolic link (mode 120000) is refused, whatever it points to.
    """
    return _MODES.get(mode, "a submodule" if mode == "160000" else "not a regular file")


def _entries(project: Path, commit: str) -> dict[str, tuple[str, int, str | None]]:
    """Return the data directory of a commit: name → (object id, size, what it is if odd)."""
    listing = _output(project, "ls-tree", "-z", "-l", commit, "--", f"{DATA_DIR}/")
    entries: dict[str, tuple[str, int, str | None]] = {}
    for record in filter(None, listing.split("\0")):
        meta, _, path = record.partition("\t")
        mode, _kind, oid, size = meta.split()
        entries[Path(path).name] = (oid, int(size) if size.isdigit() else 0, git_kind(mode))
    return entries


def _blobs(project: Path, commit: str) -> dict[str, tuple[str, int]]:
    """Return the data files of a commit that are regular files: name → (blob id, size)."""
    entries = _entries(project, commit)
    return {name: (oid, size) for name, (oid, size, odd) in entries.items() if odd is None}


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    start = Location(shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        where = Location(shown, line, 1)
        problem = Problem(
            where, "error", "file is not valid UTF-8", "save it as UTF-8", Code.NOT_UTF8
        )
        return None, [problem]
    if not text.strip():
        return None, [Problem(start, "error", "file is empty", "", Code.EMPTY)]
    return text, []


def load_revision(project: Path, revision: Revision, root: str = ".") -> Loaded:
    """Load the playbook as it is at a commit.

    Args:
        project: The project directory (holding ``playbook_data/``) inside the repository.
        revision: The commit to read.
        root: The project root as the user named it, for the paths in messages.

    Returns:
        The loaded playbook, every declared id and the problems met while loading it.

    Raises:
        GitError: When git fails to list or read the files.
    """
    entries = _entries(project, revision.commit)

    def read(name: str, shown: str) -> tuple[str | None, list[Problem]]:
        start = Location(shown)
        if name not in entries:
            message = f"file is missing at {revision.label}"
            return None, [Problem(start, "error", message, "", Code.FILE_MISSING)]
        oid, size, odd = entries[name]
        if odd is not None:
            return None, [not_a_file(shown, odd)]
        if size > MAX_FILE_BYTES:
            message = f"file is over the limit of {MAX_FILE_BYTES // 1024 // 1024} MiB"
            return None, [Problem(start, "error", message, "", Code.FILE_TOO_LARGE)]
        done = run_git(project, "cat-file", "blob", oid)
        if done.returncode != 0:
            raise GitError(f"cannot read {shown} at {revision.label}", "run git fsck")
        return _decode(done.stdout, shown)

    return load_texts(read, root)


class BlobReader:
    """Reads many blobs through one ``git cat-file --batch`` process (a context manager)."""

    def __init__(self, project: Path) -> None:
        """Start the reader in the repository holding ``project``."""
        try:
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=project,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError as err:
            raise GitError("git is not installed", "install git and put it on PATH") from err

    def __enter__(self) -> Self:
        """Return the reader."""
        return self

    def __exit__(self, *_: object) -> None:
        """Stop the git process."""
        self.close()

    def read(self, oid: str, limit: int = MAX_FILE_BYTES) -> bytes | None:
        """Return the content of a blob, or None when it is over ``limit`` bytes.

        A blob over the limit is read past in chunks and dropped, never held whole.

        Raises:
            GitError: When the object is not a blob of this repository.
        """
        stdin, stdout = self._process.stdin, self._process.stdout
        if stdin is None or stdout is None:
            raise GitError("git cat-file is not running", "run git fsck")
        stdin.write(f"{oid}\n".encode())
        stdin.flush()
        header = stdout.readline(200).decode("utf-8", "replace").split()
        if len(header) != 3 or header[1] != "blob" or not header[2].isdigit():
            raise GitError(f"cannot read object {oid}", "run git fsck")
        size = int(header[2])
        if size > limit:
            while size > 0:
                chunk = stdout.read(min(size, 1 << 20))
                if not chunk:
                    raise GitError(f"cannot read object {oid}", "run git fsck")
                size -= len(chunk)
            stdout.read(1)
            return None
        content = stdout.read(size)
        stdout.read(1)
        return content

    def close(self) -> None:
        """Stop the git process."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=10)
        if self._process.stdout is not None:
            self._process.stdout.close()


def decode_blob(raw: bytes | None, shown: str) -> tuple[str | None, list[Problem]]:
    """Return a data file's text from its bytes (None: over the limit), or why it is unusable."""
    if raw is None or len(raw) > MAX_FILE_BYTES:
        message = f"file is over the limit of {MAX_FILE_BYTES // 1024 // 1024} MiB"
        return None, [Problem(Location(shown), "error", message, "", Code.FILE_TOO_LARGE)]
    return _decode(raw, shown)


def data_blobs(project: Path, commit: str) -> dict[str, str]:
    """Return the data files of a commit: file name → blob id."""
    return {name: oid for name, (oid, _size) in _blobs(project, commit).items()}
