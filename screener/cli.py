"""The ``screener`` command line: parses options, calls the library, prints results and errors.

Every :class:`~screener.errors.ScreenerError` becomes one ``Error: ...`` line and exit code 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
import warnings

import click

from screener.commands import lists, match, review, rules, screen, train
from screener.errors import ScreenerError, ScreenerWarning
from screener.version import __version__

_python_showwarning = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A ScreenerWarning as one ``Warning: ...`` line on stderr; any other warning as Python shows it."""
    if issubclass(category, ScreenerWarning):
        click.echo(f"Warning: {message}", err=True)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


class ScreenerGroup(click.Group):
    """A group that turns ScreenerError (and unexpected failures) into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            with warnings.catch_warnings():  # restores showwarning afterwards
                warnings.simplefilter("always", ScreenerWarning)
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except ScreenerError as error:
            click.echo(f"Error: {error.render(cli=True)}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except MemoryError:
            click.echo("Error: out of memory. Split the input file or raise the machine's memory.", err=True)
            ctx.exit(2)
        except (PermissionError, IsADirectoryError) as error:  # a file the system will not let us open
            where = f" '{error.filename}'" if error.filename else ""
            click.echo(
                f"Error: cannot open{where} ({error.strerror or type(error).__name__}). If another program has it "
                "open and locked, close it there; check that you may read (or write) it, then run again.",
                err=True,
            )
            ctx.exit(2)
        except BrokenPipeError:  # the reader stopped early (`screener rules list | head`): not an error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that flushing stdout at exit raises nothing more
            ctx.exit(0)
        except Exception as error:  # a bug: say so plainly; the traceback only on request
            if os.environ.get("SCREENER_DEBUG"):
                raise
            click.echo(
                f"Error: internal error ({type(error).__name__}: {error}). "
                "Please report it; set SCREENER_DEBUG=1 to see the traceback.",
                err=True,
            )
            ctx.exit(1)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


@click.group(cls=ScreenerGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="screener")
def cli() -> None:
    """Screen suppliers for human-trafficking and forced-labour risk.

    \b
    Example:
      screener screen suppliers.xlsx -o suppliers-risk.xlsx
    """


for _command in (screen.screen, match.match, lists.lists, rules.rules, review.review, train.train):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="screener")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
