"""Links, special files and odd names in playbook_data/: refused with exact messages, no hang.

A pull request can commit a symbolic link (git stores them), and a checkout can hold a named
pipe or a device in place of a data file. Each case is built at test time (none of these
belongs in the repository) and its `playbook check --strict` output is compared with
golden/reader/<case>.txt.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.check.checker import check_directory
from macros.check.report import as_json, as_text
from macros.model.codes import Code
from macros.read.git import data_blobs, load_revision, resolve

from .conftest import MINI, ROOT, RUNAWAY_SECONDS, TESTS, Golden, copy_project
from .gitrepo import GitRepo
from .test_check_golden import problems_of, run_check

GOLDEN = TESTS / "golden" / "reader"
DATA = "playbook_data"
PASSWD = Path("/etc/passwd")


def _link(target: str) -> Callable[[Path], None]:
    def make(data: Path) -> None:
        (data / "glossary.yml").unlink()
        (data / "glossary.yml").symlink_to(target)

    return make


def _link_inside(data: Path) -> None:
    """A link to a valid copy of the file, inside the project."""
    kept = data.parent / "kept"
    kept.mkdir()
    (data / "glossary.yml").rename(kept / "glossary.yml")
    (data / "glossary.yml").symlink_to("../kept/glossary.yml")


def _directory(data: Path) -> None:
    (data / "glossary.yml").unlink()
    (data / "glossary.yml").mkdir()
    (data / "glossary.yml" / "terms.yml").write_text("version: 1\n", "utf-8")


def _fifo(data: Path) -> None:
    (data / "glossary.yml").unlink()
    os.mkfifo(data / "glossary.yml")


def _socket(data: Path) -> None:
    (data / "glossary.yml").unlink()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(data / "glossary.yml"))


def _data_link(data: Path) -> None:
    data.rename(data.parent / "elsewhere")
    data.symlink_to("elsewhere")


def _data_file(data: Path) -> None:
    shutil.rmtree(data)
    data.write_text("version: 1\n", "utf-8")


def _odd_names(data: Path) -> None:
    """Names that would write escape sequences and line breaks into a terminal or CI log."""
    (data / "\x1b[2Jterms\n.yml").write_text("version: 1\n", "utf-8")
    (data / "old").mkdir()
    (data / "old" / "glossary.yml").write_text("version: 1\n", "utf-8")
    (data / "kpis.yml.orig").symlink_to("kpis.yml")
    (data / ".glossary.yml.swp").write_bytes(b"\0")


CASES: dict[str, Callable[[Path], None]] = {
    "link-to-dev-zero": _link("/dev/zero"),
    "link-to-dev-stdin": _link("/dev/stdin"),
    "link-to-passwd": _link(str(PASSWD)),
    "link-dangling": _link("nowhere.yml"),
    "link-inside-project": _link_inside,
    "directory-as-file": _directory,
    "fifo-as-file": _fifo,
    "socket-as-file": _socket,
    "data-dir-link": _data_link,
    "data-dir-file": _data_file,
    "odd-names": _odd_names,
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(MINI, tmp_path)


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused(case: str, project: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden) -> None:
    CASES[case](project / DATA)
    code, output = run_check(project, monkeypatch, "--strict")
    assert code == 1
    golden(GOLDEN / f"{case}.txt", output)


def test_device_in_place_of_a_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A character device (like /dev/zero) is refused before it is opened."""
    path = project / DATA / "glossary.yml"
    path.unlink()
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("creating a device needs privileges")
    code, output = run_check(project, monkeypatch, "--strict")
    assert (code, output) == (
        1,
        (
            f"{DATA}/glossary.yml:1:1: error: file is a character device, not a regular file; "
            "replace it with a regular YAML file\nplaybook check: 1 error, 0 warnings\n"
        ),
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_linked_file_is_never_quoted(
    fmt: str,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Nothing of the file a link points to reaches the output, in any format."""
    secret = tmp_path_factory.mktemp("outside") / "secret.yml"
    secret.write_text("token-4e1f7: [not YAML\n\x85\xff", "latin-1")
    for target, marker in ((PASSWD, "root:"), (secret, "4e1f7")):
        _link(str(target))(project / DATA)
        code, output = run_check(project, monkeypatch, "--format", fmt)
        assert code == 1
        assert marker not in output
        for line in filter(None, target.read_text("latin-1").splitlines()):
            assert line not in output
        if fmt == "json":
            assert [p["code"] for p in json.loads(output)["problems"]] == ["not-a-file"]
        (project / DATA / "glossary.yml").unlink()
        (project / DATA / "glossary.yml").write_text("version: 1\n", "utf-8")


def _check_in_a_process(project: Path) -> subprocess.CompletedProcess[str]:
    """Run `playbook check` in a fresh process, so that a hang is caught by the timeout."""
    return subprocess.run(
        [sys.executable, "-m", "macros", "check"],
        cwd=project,
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=RUNAWAY_SECONDS,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )


@pytest.mark.parametrize("case", ["fifo-as-file", "link-to-dev-stdin", "link-to-dev-zero"])
def test_reading_does_not_hang(case: str, project: Path) -> None:
    """A pipe nobody writes to, or an open standard input, would block a read forever."""
    CASES[case](project / DATA)
    done = _check_in_a_process(project)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(f"{DATA}/glossary.yml:1:1: error: file is a ")


def _check_as_nobody(project: Path) -> str:
    """Check the project in a child process that dropped root's privileges (root reads any
    directory, whatever its mode); return the problems as JSON."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(reading)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.write(writing, as_json(check_directory(project)[1]).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    with os.fdopen(reading, "rb") as output:
        text = output.read().decode()
    assert os.waitpid(child, 0)[1] == 0
    return text


def test_unreadable_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`chmod 000 playbook_data` is reported, not a traceback."""
    base = Path(tempfile.mkdtemp(prefix="playbook-"))  # pytest's own directories are private
    try:
        base.chmod(0o755)
        project = copy_project(MINI, base / "project")
        (project / DATA).chmod(0)
        if os.geteuid() == 0:
            output = _check_as_nobody(project)
        else:
            output = run_check(project, monkeypatch, "--format", "json")[1]
    finally:
        (base / "project" / DATA).chmod(0o755)
        shutil.rmtree(base)
    problems = problems_of(output)
    assert as_text(problems) == (
        f"{DATA}:1:1: error: cannot read the data directory: Permission denied; "
        "check its permissions\nplaybook check: 1 error, 0 warnings\n"
    )
    assert [p.code for p in problems] == [Code.FILE_UNREADABLE]


def test_links_and_directories_in_a_git_revision_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rule for an old revision: its tree is read from git, not from disk."""
    repo = GitRepo(tmp_path, monkeypatch)
    _link(str(PASSWD))(repo.path / DATA)
    (repo.path / DATA / "kpis.yml").unlink()
    (repo.path / DATA / "kpis.yml").mkdir()
    (repo.path / DATA / "kpis.yml" / "kpis.yml").write_text("version: 1\n", "utf-8")
    repo.commit("Link the glossary, nest the KPIs")
    loaded = load_revision(repo.path, resolve(repo.path, "HEAD"))
    refused = [str(p) for p in loaded.problems if p.code == "not-a-file"]
    assert refused == [
        (
            f"{DATA}/glossary.yml:1:1: error: file is a symbolic link, not a regular file; "
            "replace the link with the file itself: links are refused even when they point "
            "inside the repository, since a pull request can point them anywhere"
        ),
        (
            f"{DATA}/kpis.yml:1:1: error: file is a directory, not a regular file; "
            "replace it with a regular YAML file"
        ),
    ]
    assert "root:" not in "\n".join(str(p) for p in loaded.problems)
    assert "glossary.yml" not in data_blobs(repo.path, resolve(repo.path, "HEAD").commit)
