"""The alignment playbook: load, check and render playbook data into the handbook.

This module is the mkdocs-macros glue; the engine lives in the submodules.
"""
