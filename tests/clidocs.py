"""Write the real ``--help`` of every ``playbook`` command into docs/reference/cli.md.

``make cli-docs`` rewrites the page's generated blocks; ``make lint`` runs this with
``--check``, which fails, naming the command, when a block no longer matches the code.
Each block sits between ``<!-- BEGIN help: NAME -->`` and ``<!-- END help: NAME -->``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner  # noqa: TID251 - the reference shows the CLI's own help

from macros.cli import main as cli

PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "cli.md"
WIDTH = 88
_BLOCK = re.compile(r"(<!-- BEGIN help: ([a-z-]+) -->\n)(.*?)(<!-- END help: \2 -->)", re.DOTALL)


def help_text(command: str) -> str:
    """Return ``playbook COMMAND --help`` as the terminal shows it, WIDTH columns wide."""
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(cli, args, prog_name="playbook", terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"playbook {command} --help failed: {result.output}")
    return result.output


def rendered(page: str) -> str:
    """Return the page with every help block holding the current help of its command."""

    def block(match: re.Match[str]) -> str:
        name = match.group(2)
        text = help_text("" if name == "playbook" else name)
        return f"{match.group(1)}```text\n{text}```\n{match.group(4)}"

    return _BLOCK.sub(block, page)


def commands_without_block(page: str) -> list[str]:
    """Return the commands whose help the page does not show."""
    shown = {match.group(2) for match in _BLOCK.finditer(page)}
    return sorted(name for name in ["playbook", *cli.commands] if name not in shown)


def main(argv: list[str]) -> int:
    """Rewrite the page, or with ``--check`` say whether it is current; return the status."""
    page = PAGE.read_text(encoding="utf-8")
    missing = commands_without_block(page)
    if missing:
        print(f"{PAGE}: no help block for: {', '.join(missing)}", file=sys.stderr)
        return 1
    current = rendered(page)
    if "--check" in argv:
        if current != page:
            print(f"{PAGE} is out of date: run make cli-docs", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
