"""`fitcareer sources` and `fitcareer schema`: where the data comes from and its shape."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from fitcareer.cli import complete
from fitcareer.cli.app import (
    DetailOpt,
    FormatOpt,
    LimitOpt,
    OutputOpt,
    app,
    cap,
    catalog,
    emit,
    file_format,
    output_option,
    save,
)
from fitcareer.cli.settings import settings
from fitcareer.data import articles
from fitcareer.data import schema as schemas
from fitcareer.data.write import write_file
from fitcareer.errors import OutputError, UsageError
from fitcareer.queries.lookup import lookup
from fitcareer.render import Format
from fitcareer.views import sources as views


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer sources\n\n"
        "  fitcareer sources bls-ooh-2022\n\n"
        "  fitcareer sources seed-003 --detail\n\n"
        "  fitcareer sources --max-age 5 --format json"
    )
)
def sources(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(
            help="A source id: show every fact that cites it.",
            metavar="ID",
            show_default=False,
            autocompletion=complete.sources,
        ),
    ] = None,
    max_age: Annotated[
        int | None,
        typer.Option(
            "--max-age",
            min=0,
            help="Mark dates more than YEARS old as 'may be out of date' (default: the global --max-age).",
            metavar="YEARS",
            show_default=False,
        ),
    ] = None,
    detail: DetailOpt = False,
    limit: LimitOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """List every source the data cites, its date, and which facts depend on it.

    With ID, --detail also prints the copy of the article that comes with fitcareer,
    for the four articles the data is drawn from.
    """
    data = catalog(ctx)
    age = settings(ctx).max_age if max_age is None else max_age
    if source:
        found = lookup("source", source, data.sources, {})
        copy = articles.article(found.file) if detail and found.file else None
        emit(views.source_detail(data, found, age, detail, copy), fmt, output)
    else:
        sheet = views.source_list(data, age, detail, cap(limit, fmt), limit is None)
        emit(sheet, fmt, output)


class SchemaName(str, enum.Enum):
    """The data files that have a schema (the keys of `schemas.NAMES`)."""

    roles = "roles"
    certifications = "certifications"
    quiz = "quiz"
    sources = "sources"
    wages = "wages"
    paths = "paths"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer schema roles\n\n"
        "  fitcareer schema certifications -o certifications.schema.json\n\n"
        "  fitcareer schema --write schemas"
    )
)
def schema(
    name: Annotated[
        SchemaName | None,
        typer.Argument(
            help="The data file: roles, certifications, quiz, sources, wages or paths.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            file_okay=False,
            help="Write every schema into DIR as NAME.schema.json.",
            metavar="DIR",
        ),
    ] = None,
    output: Annotated[Path | None, output_option([Format.json])] = None,
) -> None:
    """Print the JSON Schema of a data file, for editors to validate and complete with.

    Point an editor at it with a first line such as
    `# yaml-language-server: $schema=../schemas/roles.schema.json`.
    """
    if output is not None:
        file_format("schema", output, [Format.json])
    if write is not None:
        if name is not None or output is not None:
            raise UsageError("--write writes every schema; give it without NAME or --output")
        try:
            write.mkdir(parents=True, exist_ok=True)
            for each in schemas.NAMES:
                target = write / schemas.file_name(each)
                write_file(target, schemas.dumps(schemas.generate(each)).encode("utf-8"))
                typer.echo(f"wrote {target}", err=True)
        except OSError as e:
            raise OutputError(f"cannot write {write}: {e.strerror or e}") from None
        return
    if name is None:
        raise UsageError(f"name a data file: {', '.join(schemas.NAMES)} (or use --write DIR)")
    text = schemas.shipped(name.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    save(output, text)
