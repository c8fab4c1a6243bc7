"""Run the ``playbook`` command as ``python -m macros``."""

from .cli import main

main()
