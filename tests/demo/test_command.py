"""`dangvu demo load [--if-empty]` on a database that already holds organizations; the session fixture loads
the demo through the same command into the empty test database."""

import io

import pytest
from django.core.management import CommandError, call_command

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


def test_the_fixture_loaded_the_demo_through_the_command(demo_db):
    assert Organization.objects.count() == 96
    assert Member.objects.count() == len(demo_db.plan.members)
    # The goal is under 30 s on SQLite on a 2-core machine (organizations and members about 7 s, the candidates'
    # histories about 12 s of processor time measured); a wide margin for busy machines.
    assert demo_db.load_seconds < 240


def test_load_refuses_a_database_that_is_not_empty(demo_db):
    with pytest.raises(CommandError) as caught:
        call_command("demo", "load", stdout=io.StringIO())
    assert "96 tổ chức đảng" in str(caught.value) and "--if-empty" in str(caught.value)
    assert Organization.objects.count() == 96


def test_if_empty_says_so_and_does_nothing(demo_db):
    out = io.StringIO()
    call_command("demo", "load", "--if-empty", stdout=out)
    assert "Bỏ qua" in out.getvalue()
    assert Organization.objects.count() == 96 and Member.objects.count() == len(demo_db.plan.members)
