"""Generate a synthetic party committee of N members for the benchmark (see bench/README.md).

    .venv/bin/python bench/generate.py --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench \\
        --members 1000000

The tree goes through the real services (`organizations.services.apply_decision`, one decision per month):
a root upper committee founded in 1994, about N/100 cells (a fifth of them grassroots cells under the root,
the rest subordinate cells under ~N/2500 grassroots committees), some cells moved between committees and
some dissolved. Members are written straight into the tables in batches (COPY on PostgreSQL, bulk_create
elsewhere): admissions spread over 30 years (more in recent years), transfers in from other committees,
recognitions exactly 12 months after the ceremony, transfers between cells (forced when a cell is
dissolved), and endings (deceased, transferred out, left, expelled, struck off). Each member's periods are
computed by a fast generator; a sample of members is then replayed with `dangvu.members.ledger.replay()`,
which must accept every ledger and give exactly the same periods, or the run fails.
"""

import argparse
import bisect
import datetime
import itertools
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
START = D(1994, 1, 1)
HORIZON = D(2024, 6, 30)  # the last day of the synthetic history
DEFAULT_URL = "sqlite:////tmp/dangvu_bench.sqlite3"
ROOT_CODE = "BENCH"

# Names to draw from (synthetic people: no real personal data).
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Mai Trịnh".split()  # noqa: SIM905
MIDDLE_MALE = "Văn Đức Minh Quang Hữu Thanh Công Xuân Ngọc Đình".split()  # noqa: SIM905
MIDDLE_FEMALE = "Thị Ngọc Thu Thanh Minh Bích Phương Hồng Kim Thúy".split()  # noqa: SIM905
GIVEN_MALE = "An Bình Cường Dũng Đạt Hải Hiếu Hùng Khánh Long Nam Phong Quân Sơn Thắng Tuấn Việt".split()  # noqa: SIM905
GIVEN_FEMALE = "Anh Ánh Châu Dung Giang Hà Hằng Hoa Hương Lan Linh Mai Nga Oanh Thảo Trang Yến".split()  # noqa: SIM905
ETHNICITIES = [("Kinh", 95), ("Tày", 2), ("Mường", 1), ("Hoa", 1), ("Nùng", 1)]
THEORY = [("", 30), ("elementary", 45), ("intermediate", 20), ("advanced", 4), ("bachelor", 1)]
PROVINCES = ["Hải Phòng", "Hải Dương", "Thái Bình", "Nam Định", "Quảng Ninh", "Hưng Yên", "Hà Nội"]
ENDINGS = [("deceased", 35), ("transfer_out", 40), ("left", 10), ("expelled", 5), ("struck_off", 10)]


def log(message: str):
    print(message, flush=True)


# --- database --------------------------------------------------------------------------------------------


def ensure_database(url: str):
    """Create the PostgreSQL database of `url` if it does not exist yet (SQLite creates its file itself)."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg

    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def setup_django(url: str):
    """Point Django at the benchmark database and create the schema."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangvu.settings.base"
    ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def member_count() -> int:
    from dangvu.members.models import Member

    return Member.objects.count()


def root_organization():
    from dangvu.organizations.models import Organization

    return Organization.objects.filter(code=ROOT_CODE).first()


# --- the tree ------------------------------------------------------------------------------------------


@dataclass
class Cell:
    id: int
    founded: datetime.date
    dissolved: datetime.date | None = None  # the day it ends; members must have left by then


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def add_months(day: datetime.date, months: int) -> datetime.date:
    from dangvu.core.dates import add_months as add

    return add(day, months)


def build_tree(rng: random.Random, cell_count: int) -> list[Cell]:
    """Found the root, the committees and the cells through the services, one decision per month; then move
    a few cells between committees and dissolve a few. Returns the cells members can belong to."""
    from dangvu.organizations.choices import EnterpriseKind, OrganizationKind, Sector
    from dangvu.organizations.services import Change, Found, apply_decision

    K = OrganizationKind
    decisions: dict[datetime.date, list] = {}
    root_found = Found(
        code=ROOT_CODE,
        name="Đảng ủy Khu kinh tế (dữ liệu thử tải)",
        kind=K.UPPER_COMMITTEE,
        sector=Sector.ADMINISTRATIVE,
        external_parent="Thành ủy Hải Phòng",
    )
    created: dict[str, object] = {}
    # Plans first (codes, dates, parents by code), then the decisions in date order.
    committee_count = max(1, cell_count // 25)
    committees = []  # (code, founded)
    for index in range(committee_count):
        founded = month_start(random_day(rng, D(1994, 2, 1), D(2016, 12, 31)))
        committees.append((f"DB{index + 1:05d}", founded))
    committees.sort(key=lambda c: c[1])
    founded_dates = [c[1] for c in committees]
    cells = []  # (code, founded, parent code or None, kind)
    for index in range(cell_count):
        if rng.random() < 0.2:
            founded = month_start(random_day(rng, D(1994, 2, 1), D(2023, 12, 31)))
            cells.append((f"CB{index + 1:06d}", founded, None, K.GRASSROOTS_CELL))
            continue
        founded = month_start(random_day(rng, D(1994, 3, 1), D(2023, 12, 31)))
        # A committee founded at least a month before the cell.
        available = bisect.bisect_left(founded_dates, founded)
        if available == 0:
            founded = add_months(committees[0][1], 1)
            available = bisect.bisect_left(founded_dates, founded)
        parent = committees[rng.randrange(available)][0]
        cells.append((f"CB{index + 1:06d}", founded, parent, K.SUBORDINATE_CELL))

    def sector():
        return Sector.ENTERPRISE if rng.random() < 0.85 else Sector.ADMINISTRATIVE

    decisions.setdefault(START, []).append(("found", root_found, None))
    for code, founded in committees:
        s = sector()
        kind = EnterpriseKind.FOREIGN_INVESTED if s == Sector.ENTERPRISE else ""
        found = Found(
            code=code, name=f"Đảng bộ {code}", kind=K.GRASSROOTS_COMMITTEE, sector=s, enterprise_kind=kind
        )
        decisions.setdefault(founded, []).append(("found", found, ROOT_CODE))
    last_event: dict[str, datetime.date] = {}
    dissolved: dict[str, datetime.date] = {}
    for code, founded, parent, kind in cells:
        s = sector()
        found = Found(code=code, name=f"Chi bộ {code}", kind=kind, sector=s)
        decisions.setdefault(founded, []).append(("found", found, parent or ROOT_CODE))
        last_event[code] = founded
        if parent is not None and rng.random() < 0.03:
            moved = month_start(random_day(rng, add_months(founded, 12), D(2023, 12, 31)))
            targets = [c for c, f in committees if f < moved and c != parent]
            if moved > add_months(founded, 11) and targets:
                decisions.setdefault(moved, []).append(("move", code, rng.choice(targets)))
                last_event[code] = moved
        if rng.random() < 0.01:
            ended = month_start(random_day(rng, add_months(last_event[code], 13), D(2023, 12, 31)))
            if ended > last_event[code] and ended <= D(2023, 12, 31):
                decisions.setdefault(ended, []).append(("dissolve", code, None))
                dissolved[code] = ended

    for number, day in enumerate(sorted(decisions), start=1):
        changes = []
        for action, subject, other in decisions[day]:
            if action == "found":
                subject.parent = created.get(other) if other else None
                changes.append(subject)
            elif action == "move":
                changes.append(Change(created[subject], "moved", parent=created[other], parent_changed=True))
            else:
                changes.append(Change(created[subject], "dissolved"))
        for event in apply_decision(day, f"{number}-QĐ/ĐU", changes):
            created[event.organization.code] = event.organization
    return [Cell(created[code].pk, founded, dissolved.get(code)) for code, founded, _parent, _kind in cells]


# --- members -------------------------------------------------------------------------------------------


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


@dataclass
class Ledger:
    """One member's generated ledger and the periods it projects to."""

    member: dict
    events: list[dict] = field(default_factory=list)
    periods: list = field(default_factory=list)  # dangvu.members.ledger.Period


class Generator:
    def __init__(self, rng: random.Random, cells: list[Cell]):
        self.rng = rng
        self.cells = sorted(cells, key=lambda c: c.founded)
        self.founded = [c.founded for c in self.cells]
        self.names: dict[str, tuple[str, str]] = {}
        # A cell takes in members in proportion to how long it exists: cumulative weights for choosing.
        self.weights = list(
            itertools.accumulate(max(1, (self.last_day(c) - c.founded).days) for c in self.cells)
        )

    @staticmethod
    def last_day(cell: Cell) -> datetime.date:
        """The last day a membership can start in the cell."""
        return min(HORIZON, (cell.dissolved or HORIZON + ONE_DAY) - ONE_DAY)

    def alive_cell(self, day: datetime.date, other_than: int | None = None) -> Cell | None:
        """A random cell that exists on `day` (founded on or before it, not dissolved by then), or None."""
        available = bisect.bisect_right(self.founded, day)

        def alive(cell: Cell) -> bool:
            return (cell.dissolved is None or cell.dissolved > day) and cell.id != other_than

        for _attempt in range(50):
            cell = self.cells[self.rng.randrange(available)] if available else None
            if cell is not None and alive(cell):
                return cell
        candidates = [cell for cell in self.cells[:available] if alive(cell)]
        return self.rng.choice(candidates) if candidates else None

    def name(self, gender: str) -> tuple[str, str, str]:
        from dangvu.core.text import fold, person_sort_key

        rng = self.rng
        if gender == "female":
            full = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"
        else:
            full = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
        keys = self.names.get(full)
        if keys is None:
            keys = self.names[full] = (fold(full), person_sort_key(full))
        return full, keys[0], keys[1]

    def member(self, member_id: int) -> Ledger:
        from dangvu.members.ledger import Period

        rng = self.rng
        # Where and when the membership here starts: somewhat more admissions in recent years.
        cell = self.cells[bisect.bisect_right(self.weights, rng.random() * self.weights[-1])]
        span = max(0, (self.last_day(cell) - cell.founded).days)
        first_day = cell.founded + datetime.timedelta(days=int(span * rng.random() ** 0.8))
        transfer_in = rng.random() < 0.08
        gender = "female" if rng.random() < 0.42 else "male"
        full_name, search_key, sort_key = self.name(gender)
        if transfer_in:
            admitted = first_day - datetime.timedelta(days=rng.randint(30, 15 * 365))
        else:
            admitted = first_day
        age_months = min(700, max(216, int(rng.triangular(216, 540, 290))))
        birth = add_months(admitted, -age_months) - datetime.timedelta(days=rng.randint(0, 27))
        member = {
            "id": member_id,
            "full_name": full_name,
            "search_key": search_key,
            "sort_key": sort_key,
            "gender": gender,
            "birth_date": birth,
            "national_id": f"{700000000000 + member_id:012d}",
            "ethnicity": weighted(rng, ETHNICITIES),
            "religion": "Không",
            "home_province": rng.choice(PROVINCES),
            "education": "upper_secondary",
            "theory_level": weighted(rng, THEORY),
            "job": "Công nhân" if rng.random() < 0.6 else "Cán bộ quản lý",
        }
        history = Ledger(member)
        # Intentions (date, kind, extra), each on its own day, applied in date order below.
        plan: list[tuple[datetime.date, str]] = []
        recognized = None
        if transfer_in:
            earliest = add_months(admitted, 12)
            if earliest <= first_day and rng.random() < 0.9:
                recognized = earliest
                first = self.event(member_id, "transfer_in", first_day, cell.id)
                first.update(original_admission_date=admitted, original_recognition_date=recognized)
            else:
                first = self.event(member_id, "transfer_in", first_day, cell.id)
                first["original_admission_date"] = admitted
                recognized = max(earliest, first_day + ONE_DAY)
                plan.append((recognized, "recognition"))
            first["external_organization"] = "Đảng bộ Quận Ngô Quyền"
            ceremony = admitted
        else:
            ceremony = admitted + datetime.timedelta(days=rng.randint(0, 30))
            first = self.event(member_id, "admission", first_day, cell.id)
            first["ceremony_date"] = ceremony
            if rng.random() < 0.97:
                recognized = add_months(ceremony, 12)
                plan.append((recognized, "recognition"))
            else:
                plan.append((ceremony + datetime.timedelta(days=rng.randint(150, 330)), "struck_off"))
        if rng.random() < 0.15:
            plan.append((first_day + datetime.timedelta(days=rng.randint(365, 3650)), "transfer"))
        if rng.random() < 0.08 and not any(kind == "struck_off" for _d, kind in plan):
            plan.append((first_day + datetime.timedelta(days=rng.randint(400, 9000)), weighted(rng, ENDINGS)))
        plan = sorted((day, kind) for day, kind in plan if day <= HORIZON)
        # One event per day at most; an ending closes the ledger.
        cleaned = []
        for day, kind in plan:
            if cleaned and day <= cleaned[-1][0]:
                day = cleaned[-1][0] + ONE_DAY
            if day > HORIZON:
                break
            cleaned.append((day, kind))
            if kind not in ("recognition", "transfer"):
                break
        history.events.append(first)
        current = cell
        start = first_day
        periods = []

        def move_to(day: datetime.date, target: Cell):
            nonlocal current, start
            event = self.event(member_id, "transfer", day, current.id)
            event["to_organization_id"] = target.id
            history.events.append(event)
            periods.append((current.id, start, day))
            current, start = target, day

        def end(day: datetime.date, kind: str):
            event = self.event(member_id, kind, day, current.id)
            if kind == "transfer_out":
                event["external_organization"] = "Đảng bộ tỉnh Quảng Ninh"
            history.events.append(event)
            if day > start:  # a stretch that ends the day it starts leaves no period (as replay)
                periods.append((current.id, start, day))

        def leave_dissolved(until: datetime.date) -> bool:
            """Members of a cell dissolved by `until` moved out on the day it ended (out of the committee
            when no other cell existed). True when the membership here ended that way."""
            while current.dissolved is not None and current.dissolved <= until:
                target = self.alive_cell(current.dissolved, current.id)
                if target is None:
                    end(current.dissolved, "transfer_out")
                    return True
                move_to(current.dissolved, target)
            return False

        ended = False
        for day, kind in cleaned:
            if leave_dissolved(day):
                ended = True
                break
            if kind == "recognition":
                history.events.append(self.event(member_id, "recognition", day, current.id))
            elif kind == "transfer":
                target = self.alive_cell(day, current.id)
                if day > start and target is not None:  # unless a forced move took this day
                    move_to(day, target)
            else:
                end(day, kind)
                ended = True
                break
        if not ended and not leave_dissolved(HORIZON):
            periods.append((current.id, start, None))
        # Full member from the recognition actually recorded (none if it fell after an ending or the horizon).
        recorded = [event["date"] for event in history.events if event["kind"] == "recognition"]
        recognized = first.get("original_recognition_date") or (recorded[0] if recorded else None)
        history.periods = [Period(org, begin, end, admitted, recognized) for org, begin, end in periods]
        return history

    @staticmethod
    def event(member_id: int, kind: str, day: datetime.date, organization_id: int) -> dict:
        return {
            "member_id": member_id,
            "kind": kind,
            "date": day,
            "organization_id": organization_id,
            "decision_number": f"{day.year}-QĐ/ĐU",
            "recorded_by": "bench",
        }


# --- writing -------------------------------------------------------------------------------------------


class Table:
    """Rows of one model as tuples in the table's column order; fields not given take their default."""

    def __init__(self, model):
        from django.utils import timezone

        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        now = timezone.now()
        self.defaults = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.has_default() or not f.null:
                self.defaults[f.attname] = f.get_default()
            else:
                self.defaults[f.attname] = None
        self.attnames = [f.attname for f in self.fields]
        self.rows: list[tuple] = []

    def add(self, values: dict):
        defaults = self.defaults
        self.rows.append(tuple(values[a] if a in values else defaults[a] for a in self.attnames))

    def next_id(self) -> int:
        from django.db.models import Max

        return (self.model.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def write(self):
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                columns = ", ".join(f'"{c}"' for c in self.columns)
                with cursor.cursor.copy(f'COPY "{self.model._meta.db_table}" ({columns}) FROM STDIN') as copy:
                    for row in self.rows:
                        copy.write_row(row)
        else:
            self.model.objects.bulk_create(
                (self.model(**dict(zip(self.attnames, row, strict=True))) for row in self.rows),
                batch_size=2000,
            )
        self.rows = []


def write_members(generator: Generator, count: int, chunk: int = 20000):
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from dangvu.members.ledger import Replay
    from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
    from dangvu.members.services import period_rows

    members, events, periods = Table(Member), Table(MembershipEvent), Table(MembershipPeriod)
    member_id, event_id, period_id = members.next_id(), events.next_id(), periods.next_id()
    started = time.monotonic()
    done = 0
    # Into empty tables on PostgreSQL: load first, index after (much faster than maintaining the indexes
    # row by row once they no longer fit in memory).
    deferred = set_aside_indexes([Member, MembershipEvent, MembershipPeriod]) if member_id == 1 else []
    try:
        while done < count:
            size = min(chunk, count - done)
            for _ in range(size):
                history = generator.member(member_id)
                members.add(history.member)
                for event in history.events:
                    event["id"] = event_id
                    event_id += 1
                    events.add(event)
                # The rows services.rebuild_periods() would write for these periods.
                for row in period_rows(member_id, Replay(periods=history.periods)):
                    row.id = period_id
                    periods.add({name: getattr(row, name) for name in periods.attnames})
                    period_id += 1
                member_id += 1
            with transaction.atomic():
                members.write()
                events.write()
                periods.write()
            done += size
            rate = done / max(time.monotonic() - started, 1e-6)
            log(f"  {done:>9,} members written ({rate:,.0f}/s)")
    finally:
        # Built again even when the load fails, so that the database keeps its schema.
        step = time.monotonic()
        with connection.cursor() as cursor:
            for sql in deferred:
                cursor.execute(sql)
        if deferred:
            log(f"  {len(deferred)} indexes built in {time.monotonic() - step:,.1f} s")
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Member, MembershipEvent, MembershipPeriod]):
            cursor.execute(sql)


def set_aside_indexes(models) -> list[str]:
    """On PostgreSQL, drop the indexes of these tables that back no constraint (the primary keys and unique
    constraints stay) and return the statements that build them again."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in indexes]


# --- checking ------------------------------------------------------------------------------------------


def verify_sample(size: int, seed: int) -> int:
    """Replay a sample of ledgers with dangvu.members.ledger.replay(): each must be accepted, and its periods
    must be exactly the stored ones. Returns the number of members checked; raises on any difference."""
    from django.db.models import Max, Min

    from dangvu.members.ledger import EventData, replay
    from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
    from dangvu.organizations.tree import History as TreeHistory

    history = TreeHistory.load()
    bounds = Member.objects.aggregate(low=Min("id"), high=Max("id"))
    ids = range(bounds["low"], bounds["high"] + 1)  # written in one run: no gaps
    sample = random.Random(seed).sample(ids, min(size, len(ids)))
    members = Member.objects.in_bulk(sample)
    events: dict[int, list] = {}
    for event in MembershipEvent.objects.filter(member_id__in=sample, voided_at__isnull=True).order_by(
        "date", "id"
    ):
        events.setdefault(event.member_id, []).append(EventData.of(event))
    stored: dict[int, list] = {}
    for row in MembershipPeriod.objects.filter(member_id__in=sample).order_by("start", "id"):
        stored.setdefault(row.member_id, []).append(
            (row.organization_id, row.start, row.end, row.admitted_on, row.recognized_on, row.is_latest)
        )
    for member_id in sample:
        result = replay(members[member_id].birth_date, events.get(member_id, []), history)
        if result.errors:
            raise AssertionError(f"member {member_id}: the ledger does not replay: {result.errors}")
        last = len(result.periods) - 1
        replayed = [
            (p.organization_id, p.start, p.end, p.admitted_on, p.recognized_on, i == last)
            for i, p in enumerate(result.periods)
        ]
        if replayed != stored.get(member_id, []):
            raise AssertionError(f"member {member_id}: periods {stored.get(member_id)} != replay {replayed}")
    return len(sample)


def analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# --- main ----------------------------------------------------------------------------------------------


def generate(members: int, seed: int = 2024, verify: int = 2000):
    """Fill an empty database with a synthetic committee of `members` members."""
    rng = random.Random(seed)
    started = time.monotonic()
    if root_organization() is None:
        log(f"Tree: about {max(3, members // 100):,} cells through the services …")
        cells = build_tree(rng, max(3, members // 100))
        log(f"  done in {time.monotonic() - started:,.1f} s")
    else:
        raise SystemExit("The database already holds a tree: use an empty database (or run.py --reuse).")
    step = time.monotonic()
    log(f"Members: {members:,} …")
    write_members(Generator(rng, cells), members)
    log(f"  done in {time.monotonic() - step:,.1f} s")
    step = time.monotonic()
    checked = verify_sample(verify, seed)
    log(f"Verified: {checked:,} sampled ledgers replay without error to exactly the stored periods.")
    analyze()
    log(f"Generated in {time.monotonic() - started:,.1f} s")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--verify", type=int, default=2000, help="ledgers replayed to check the generator")
    args = parser.parse_args(argv)
    setup_django(args.database_url)
    if member_count():
        raise SystemExit("The database already holds members: use an empty database (or run.py --reuse).")
    generate(args.members, args.seed, args.verify)


if __name__ == "__main__":
    main()
