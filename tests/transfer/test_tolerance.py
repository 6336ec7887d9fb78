"""Messy office workbooks import, and `dangvu stats` then prints the figures the scenario gives."""

import io
import json

import pytest
from django.core.management import call_command

from dangvu.members.models import Member
from dangvu.transfer.importer import run_import

from . import workbooks

pytestmark = pytest.mark.django_db


def stats(day=workbooks.AS_OF) -> dict:
    out = io.StringIO()
    call_command("stats", "--org", "KKT-T", "--as-of", day.isoformat(), "--json", stdout=out)
    return json.loads(out.getvalue())


def picked(data: dict, like: dict) -> dict:
    """The keys of `data` that `like` has, at every level."""
    return {
        key: picked(data[key], value) if isinstance(value, dict) else data[key] for key, value in like.items()
    }


def test_a_messy_workbook_imports_with_every_tolerance():
    scenario = workbooks.Scenario()
    result = run_import(workbooks.write(scenario), filename="messy.xlsx")
    assert [p.line() for p in result.problems] == []
    data = stats()
    expected = scenario.expected()
    assert picked(data, expected) == expected
    hang = Member.objects.get(national_id="001000000000")
    assert hang.full_name == "Nguyễn Thị Hằng"
