"""One module per group of commands; `brotui.cli.main.dispatch` imports only the one asked for.

The codec (and YAML), validation, the diffs, search and rendering are imported by the
commands that use them: `brotui log` is mostly Python's start, and every import adds to it.
"""
