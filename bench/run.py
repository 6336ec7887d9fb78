"""Time the statistics of a synthetic committee (see bench/README.md).

    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench \\
        --members 1000000 [--reuse]

Generates the data with bench/generate.py (unless --reuse finds it already there), then times
`dangvu.figures.stats.statistics()` — exactly what `dangvu stats --json` computes, the organization history
loaded each time — for the root and for one cell on three dates, and prints the median and the fastest of
a few runs, with the time of each part for the root.
"""

import argparse
import datetime
import statistics as stats_module
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # bench/generate.py, beside this file

DATES = [datetime.date(2010, 1, 28), datetime.date(2022, 1, 15), datetime.date(2024, 6, 30)]


def timed(function, runs: int):
    """(median seconds, fastest seconds, last result) of `runs` calls after one warm-up call."""
    function()
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return stats_module.median(times), min(times), result


def prepare(url: str, members: int, reuse: bool, seed: int):
    generate.setup_django(url)
    present = generate.member_count()
    if present and reuse:
        if present != members:
            generate.log(f"--reuse: the database holds {present:,} members (not {members:,}); timing those.")
        return
    if present or generate.root_organization() is not None:
        if generate.root_organization() is None:
            raise SystemExit("The database holds other data than the benchmark's: use a dedicated database.")
        from django.core.management import call_command

        generate.log("Emptying the benchmark database (pass --reuse to keep it) …")
        call_command("flush", interactive=False, verbosity=0)
    generate.generate(members, seed)


def pick_cell(history, day: datetime.date):
    """The cell with the most members on `day`, preferably among those that exist on every benchmark date
    (None when there is no cell with members)."""
    from dangvu.figures.counting import Scope, member_counts
    from dangvu.organizations.choices import CELL_KINDS
    from dangvu.organizations.models import Organization

    counts = member_counts(Scope(day, None, history), breakdowns=False).by_organization
    cells = [org_id for org_id in counts if history.state_on(org_id, day).kind in CELL_KINDS]
    lasting = [org_id for org_id in cells if all(history.state_on(org_id, d) is not None for d in DATES)]
    candidates = lasting or cells
    if not candidates:
        return None
    return Organization.objects.get(pk=max(candidates, key=lambda org_id: (counts[org_id], -org_id)))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=generate.DEFAULT_URL)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="skip generation when the data is there")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    prepare(args.database_url, args.members, args.reuse, args.seed)

    from django.db import connection

    from dangvu.figures.counting import Scope, flows, member_counts, organization_counts, year_start
    from dangvu.figures.stats import statistics
    from dangvu.members.models import Member
    from dangvu.organizations.tree import History

    root = generate.root_organization()
    history = History.load()
    cell = pick_cell(history, DATES[-1])
    vendor = connection.vendor
    total = Member.objects.count()
    print()
    print(
        f"{vendor}, {total:,} members, {len(history.timelines):,} organizations; median and fastest of {args.runs}"
    )
    print(f"{'organization':<14} {'date':<11} {'members':>10} {'median ms':>10} {'fastest ms':>11}")
    worst_root = 0.0
    for org in (root, cell) if cell is not None else (root,):
        for day in DATES:
            median, fastest, data = timed(lambda org=org, day=day: statistics(org, day), args.runs)
            if org == root:
                worst_root = max(worst_root, median)
            members = data["members"]["total"]
            print(
                f"{org.code:<14} {day:%d/%m/%Y} {members:>10,} {median * 1000:>10.1f} {fastest * 1000:>11.1f}"
            )

    print()
    print(f"Parts of the root's statistics on {DATES[-1]:%d/%m/%Y} (median ms):")
    day = DATES[-1]
    parts = [
        ("History.load()", History.load),
        ("member_counts (with breakdowns)", lambda: member_counts(Scope(day, root.pk, history))),
        (
            "member_counts (totals only)",
            lambda: member_counts(Scope(day, root.pk, history), breakdowns=False),
        ),
        ("flows (year to date)", lambda: flows(history, root.pk, year_start(day), day)),
        ("organization_counts", lambda: organization_counts(Scope(day, root.pk, history))),
    ]
    for label, function in parts:
        median, _fastest, _result = timed(function, args.runs)
        print(f"  {label:<34} {median * 1000:>8.1f}")
    print()
    print(f"Slowest median for the root: {worst_root * 1000:.1f} ms")


if __name__ == "__main__":
    main()
