"""fitcareer's own exceptions. They are raised where a problem is found and turned into
a message and an exit code only at the command-line edge."""

from __future__ import annotations

from dataclasses import dataclass


class FitcareerError(Exception):
    """An expected failure, shown to the user as one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(FitcareerError):
    """Bad command-line input: unknown id, bad value."""

    exit_code = 2


class OutputError(FitcareerError):
    """Writing output or a file failed."""


@dataclass(frozen=True)
class Problem:
    """One problem in a data file, located as precisely as the file allows."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        for name in ("file", "message", "path"):
            value = getattr(self, name)
            if value is not None and not value.isprintable():
                object.__setattr__(self, name, printable(value))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class DataError(FitcareerError):
    """One or more problems in the data files."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on written as an escape."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
