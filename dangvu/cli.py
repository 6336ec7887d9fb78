"""The `dangvu` console command: Django's management commands with the project's settings.

`dangvu demo load`, `dangvu stats ...` and `dangvu members ...` are ordinary management commands, so the
same code runs from `manage.py`, from the console script and from tests (call_command).
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv or sys.argv)
    return 0
