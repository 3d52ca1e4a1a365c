"""The command line: the Typer app and its shared options (`app`), the entry point and
the one error edge (`main`), which commands exist (`registry`), shell completion
(`complete`), and one module per group of commands."""
