"""Read data files from disk, refusing anything but a regular file and reading at most the limit.

What sits in ``playbook_data/`` comes from pull requests, and git stores symbolic links: a
link named ``glossary.yml`` could point to ``/dev/zero`` (an endless read), ``/dev/stdin``
(a read that never returns) or ``/etc/passwd`` (a secret quoted back in error messages). So
a data file, and the data directory itself, must be what it claims to be:

- the data directory is opened once, without following a link, and every file is opened
  relative to it, so nothing can swap a link in between;
- a file is refused when it is a symbolic link (even one pointing inside the repository: a
  pull request can point it anywhere), a directory, a named pipe, a device or a socket; it is
  looked at before it is opened (opening a device can have effects), then opened without
  following a link and without blocking, and the opened file is checked again;
- at most :data:`MAX_FILE_BYTES` and one byte are read, whatever size the file claims.

Nothing read from a refused file is ever shown: messages say what the file is, not what it
holds.
"""

from __future__ import annotations

import errno
import operator
import os
import stat
from functools import reduce
from pathlib import Path
from typing import Self

from ..model.codes import Code
from ..model.problems import Location, Problem

MAX_FILE_BYTES = 8 * 1024 * 1024
_MIB = 1024 * 1024
_CHUNK = _MIB
_OPTIONAL = ("O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY")
_FILE_FLAGS = reduce(operator.or_, (getattr(os, flag, 0) for flag in _OPTIONAL), os.O_RDONLY)
"""Never follow a link, never wait for a writer (a named pipe), never adopt a terminal."""
_DIR_FLAGS = _FILE_FLAGS | getattr(os, "O_DIRECTORY", 0)

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_LINK_HINT = (
    "replace the link with the file itself: links are refused even when they point inside "
    "the repository, since a pull request can point them anywhere"
)

Read = tuple[bytes | None, list[Problem]]


def kind_of(mode: int) -> str | None:
    """Return what a file that is not a regular file is (``a symbolic link``), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def not_a_file(shown: str, kind: str) -> Problem:
    """Return the error for a data file that is a link, a directory or a special file.

    Args:
        shown: The path as printed in messages.
        kind: What it is, e.g. ``a symbolic link`` (see :func:`kind_of`).
    """
    hint = _LINK_HINT if kind == "a symbolic link" else "replace it with a regular YAML file"
    message = f"file is {kind}, not a regular file"
    return Problem(Location(shown), "error", message, hint, Code.NOT_A_FILE)


def _too_large(shown: str, size: int | None, most: int = MAX_FILE_BYTES) -> Problem:
    unit, name = (_MIB, "MiB") if most % _MIB == 0 else (1_000_000, "MB")
    limit = f"{most // unit} {name}"
    message = (
        f"file is {size / unit:.1f} {name}, over the limit of {limit} per data file"
        if size is not None
        else f"file is larger than the limit of {limit} per data file"
    )
    hint = "split the data or remove what does not belong in the handbook"
    return Problem(Location(shown), "error", message, hint, Code.FILE_TOO_LARGE)


def _missing(shown: str) -> Problem:
    hint = "every playbook needs it"
    return Problem(Location(shown), "error", "file is missing", hint, Code.FILE_MISSING)


def _os_problem(err: OSError, shown: str) -> Problem:
    where = Location(shown)
    if isinstance(err, FileNotFoundError):
        return _missing(shown)
    if err.errno == errno.ELOOP:
        return not_a_file(shown, "a symbolic link")
    reason = err.strerror or type(err).__name__
    return Problem(where, "error", f"cannot read file: {reason}", "", Code.FILE_UNREADABLE)


def _read_bounded(fd: int, most: int) -> bytes:
    """Read at most one byte over the limit, so that a file that grows is still bounded."""
    chunks: list[bytes] = []
    left = most + 1
    while left > 0:
        chunk = os.read(fd, min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_bytes(
    path: str | Path, shown: str, dir_fd: int | None = None, most: int = MAX_FILE_BYTES
) -> Read:
    """Read a regular file of at most ``most`` bytes, or say why it is refused.

    Args:
        path: The file, relative to ``dir_fd`` when given.
        shown: The path as printed in messages.
        dir_fd: An open directory the path is relative to, or None.
        most: The size limit, :data:`MAX_FILE_BYTES` unless a kind of file has its own.

    Returns:
        The file's bytes, or None and the problem that refuses it.
    """
    try:
        kind = kind_of(os.stat(path, dir_fd=dir_fd, follow_symlinks=False).st_mode)
        if kind is not None:
            return None, [not_a_file(shown, kind)]
        fd = os.open(path, _FILE_FLAGS, dir_fd=dir_fd)
        try:
            status = os.fstat(fd)
            kind = kind_of(status.st_mode)
            if kind is not None:
                return None, [not_a_file(shown, kind)]
            if status.st_size > most:
                return None, [_too_large(shown, status.st_size, most)]
            raw = _read_bounded(fd, most)
        finally:
            os.close(fd)
    except OSError as err:
        return None, [_os_problem(err, shown)]
    if len(raw) > most:
        return None, [_too_large(shown, None, most)]
    return raw, []


def position(text: str, index: int, path: str) -> Location:
    """Turn a character index into a 1-based line and column."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Location(path, line, col)


def decode_text(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Decode a data file's bytes as UTF-8 text, refusing binary or empty files.

    Args:
        raw: The file's bytes.
        shown: The path as printed in messages.

    Returns:
        The text, or None, and the problems found.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        good = raw[: err.start].decode("utf-8", errors="replace")
        where = position(good, len(good), shown)
        return None, [
            Problem(
                where,
                "error",
                f"file is not valid UTF-8 (byte 0x{raw[err.start]:02x})",
                "save the file as UTF-8",
                Code.NOT_UTF8,
            )
        ]
    if not text.strip():
        hint = "it must start with 'version: 1'"
        return None, [Problem(Location(shown), "error", "file is empty", hint, Code.EMPTY)]
    return text, []


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing missing, special, oversized, binary or empty files.

    Args:
        path: The file on disk (see :func:`macros.read.files.read_bytes` for what is refused).
        shown: The path as printed in messages.

    Returns:
        The text, or None, and the problems found.
    """
    raw, problems = read_bytes(path, shown)
    return (None, problems) if raw is None else decode_text(raw, shown)


class DataDirectory:
    """The data directory, opened once without following a link (a context manager).

    Attributes:
        problem: Why the directory cannot be used (missing, a link, a file, unreadable), or
            None when it is open.
        names: The names it holds, when open.
    """

    def __init__(self, path: Path, shown: str) -> None:
        """Open and list the directory, or record why it cannot be.

        Args:
            path: The directory on disk.
            shown: Its path as printed in messages.
        """
        self.shown = shown
        self.problem: Problem | None = None
        self.names: frozenset[str] = frozenset()
        self._fd: int | None = None
        try:
            mode = path.lstat().st_mode
            if not stat.S_ISDIR(mode):
                self.problem = self._refused(kind_of(mode) or "a file")
                return
            self._fd = os.open(path, _DIR_FLAGS)
            self.names = frozenset(os.listdir(self._fd))  # noqa: PTH208 - an open descriptor
        except OSError as err:
            self.problem = self._failed(err)
            self.close()

    def _refused(self, kind: str) -> Problem:
        message = f"data directory is {kind}, not a directory"
        hint = (
            _LINK_HINT.replace("the file itself", "the directory itself")
            if kind == "a symbolic link"
            else "playbook_data/ must be a directory holding the data files"
        )
        return Problem(Location(self.shown), "error", message, hint, Code.NOT_A_DIRECTORY)

    def _failed(self, err: OSError) -> Problem:
        if err.errno in (errno.ELOOP, errno.ENOTDIR):
            return self._refused("a symbolic link" if err.errno == errno.ELOOP else "a file")
        where = Location(self.shown)
        if isinstance(err, FileNotFoundError):
            message, hint = "data directory is missing", "run from the project root"
            return Problem(where, "error", message, hint, Code.FILE_MISSING)
        message = f"cannot read the data directory: {err.strerror or type(err).__name__}"
        return Problem(where, "error", message, "check its permissions", Code.FILE_UNREADABLE)

    def read(self, name: str, shown: str, most: int = MAX_FILE_BYTES) -> Read:
        """Read one of the directory's files (see :func:`read_bytes`).

        A name must be in the directory exactly as written: on a file system that ignores
        case, ``Glossary.YML`` would otherwise be read as ``glossary.yml``.
        """
        if self._fd is None or name not in self.names:
            return None, [_missing(shown)]
        return read_bytes(name, shown, self._fd, most)

    def kind(self, name: str) -> str | None:
        """Return what an entry is when it is not a regular file (see :func:`kind_of`)."""
        try:
            return kind_of(os.stat(name, dir_fd=self._fd, follow_symlinks=False).st_mode)
        except OSError:
            return "not a regular file"

    def close(self) -> None:
        """Close the directory."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Self:
        """Return the directory."""
        return self

    def __exit__(self, *_: object) -> None:
        """Close the directory."""
        self.close()
