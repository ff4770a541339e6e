"""Exit codes of the ``pantau`` command and the two errors that choose them.

Every module of ``pantau/`` imports these from here (not from ``cli``), so that the command
line, the subcommands and the processes they start form no import circle.
"""

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake of the user's: printed as one line, exit 2."""


class RuntimeFailure(Exception):
    """Something outside the user's command failed (database unreachable, ...): exit 1."""
