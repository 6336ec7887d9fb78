"""Benchmark of the Excel import (issue 8): a generated workbook with 200,000 members and 100,000 ledger rows,
imported into an empty database, timed, with the peak memory of the importing process.

    .venv/bin/python bench/import_bench.py                                  # SQLite file under /tmp
    .venv/bin/python bench/import_bench.py --database-url postgres://postgres@127.0.0.1:5432/dangvu_import_bench
    .venv/bin/python bench/import_bench.py --read-only                       # calamine vs openpyxl, reading

Goals (issue 8): under 60 s on SQLite and under 40 s on PostgreSQL on the development machine, under 1 GiB.

The workbook is generated once into /tmp/dangvu_import_bench/ (`--out`) and reused: one root upper committee,
N/2,500 grassroots committees with 20 subordinate cells each and N/500 grassroots cells under the root
(about N/100 organizations in all, founded by monthly decisions 1995–2010); N members admitted 2011–2023
with their recognition 12 months later, of whom those with rows in "Biến động" (about a fifth) have their
whole ledger there: admission, recognition and, for every second one, a transfer to another cell of the
same committee in 2024–2025. The import runs `dangvu import FILE` in a fresh process against a freshly
migrated database (SQLite: a file under /tmp; PostgreSQL: the database is dropped and created), which
prints its wall time and its peak resident memory (getrusage); a fixed one-thread loop timed before and
after tells how quick the machine was meanwhile. `--read-only` times only finding the sheets
and reading every row with each engine (python-calamine, openpyxl's read-only mode), also each in a fresh
process. Nothing here is part of the application: it only calls `dangvu.transfer`.
"""

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

D = datetime.date
OUT = Path("/tmp/dangvu_import_bench")  # generated workbooks: outside the repository
SQLITE_URL = "sqlite:////tmp/dangvu_import_bench.sqlite3"
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()  # noqa: SIM905
MIDDLE = "Văn Thị Đức Ngọc Minh Thu Quang Bích Hữu Kim".split()  # noqa: SIM905
GIVEN = "An Bình Cường Dũng Hải Hằng Hoa Hương Lan Linh Mai Nam Phong Quân Sơn Trang Tuấn Yến".split()  # noqa: SIM905


def log(message: str):
    print(message, flush=True)


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return D(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


# -- the workbook -----------------------------------------------------------------------------------------


def generate(path: Path, members: int, ledger_rows: int, seed: int):
    """Write the workbook (see the module docstring) with openpyxl's write-only mode."""
    from openpyxl import Workbook

    from dangvu.transfer.columns import EVENTS, MEMBERS, ORGANIZATIONS

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    months = [add_months(D(1995, 1, 1), i) for i in range(16 * 12)]

    orgs = book.create_sheet(ORGANIZATIONS.title)
    orgs.append([c.header for c in ORGANIZATIONS.columns[:8]])
    orgs.append(["BENCH", "Đảng ủy Khu kinh tế (thử tải)", "Đảng ủy cấp trên cơ sở", "", "Hành chính sự nghiệp",
                 D(1994, 1, 1), "1-QĐ/TU", None])  # fmt: skip
    cells: list[tuple[str, datetime.date, str]] = []  # (code, founded, group for transfers)
    committees = max(1, members // 2500)
    for c in range(committees):
        code = f"DB{c + 1:03d}"
        founded = months[c % 60]
        orgs.append([code, f"Đảng bộ Công ty số {c + 1}", "Đảng bộ cơ sở", "BENCH", "Doanh nghiệp", founded,
                     f"{c + 1}-QĐ/ĐU", None])  # fmt: skip
        for s in range(20):
            cell_founded = months[min(len(months) - 1, c % 60 + 1 + s * 6)]
            cell = f"{code}-{s + 1:02d}"
            orgs.append([cell, f"Chi bộ {s + 1} Công ty số {c + 1}", "Chi bộ trực thuộc", code, "Doanh nghiệp",
                         cell_founded, f"{c + 1}.{s + 1}-QĐ/ĐU", None])  # fmt: skip
            cells.append((cell, cell_founded, code))
    for g in range(max(1, members // 500)):
        code = f"CB{g + 1:04d}"
        founded = months[(g * 7) % len(months)]
        sector = "Hành chính sự nghiệp" if g % 10 == 0 else "Doanh nghiệp"
        orgs.append([code, f"Chi bộ cơ sở số {g + 1}", "Chi bộ cơ sở", "BENCH", sector, founded, f"{g + 1}-QĐ/ĐU",
                     None])  # fmt: skip
        cells.append((code, founded, code))
    by_group: dict[str, list[str]] = {}
    for code, _founded, group in cells:
        by_group.setdefault(group, []).append(code)

    people = book.create_sheet(MEMBERS.title)
    people.append([c.header for c in MEMBERS.columns[:11]])
    ledger = book.create_sheet(EVENTS.title)
    ledger.append([c.header for c in EVENTS.columns[:7]])
    # Members with ledger rows: 2 rows each, and a transfer for about two in five of them (every second one,
    # when its cell has a sibling in the same committee): 2.4 rows on average. A few more are sampled than
    # that needs, and rows are written until there are exactly `ledger_rows`.
    with_ledger = set(rng.sample(range(members), min(members, int(ledger_rows / 2.3))))
    written = 0
    for i in range(members):
        cell, founded, group = cells[i % len(cells)]
        start = max(founded, D(2011, 1, 1))
        admitted = start + datetime.timedelta(days=rng.randint(0, (D(2023, 12, 31) - start).days))
        recognized = add_months(admitted, 12)
        gender = "Nữ" if i % 3 == 0 else "Nam"
        birth = D(admitted.year - rng.randint(22, 45), rng.randint(1, 12), rng.randint(1, 28))
        national_id = f"0{i % 96 + 1:02d}{i % 2}{60 + i % 40:02d}{i:06d}"
        where = cell
        left = ledger_rows - written
        siblings = [c for c in by_group[group] if c != cell] if i in with_ledger else []
        moves = bool(i % 2 and siblings and left >= 3 and left != 4)  # never leave a single row to write
        if i in with_ledger and left >= 2 and (moves or left != 3):
            rows = [
                [national_id, "Kết nạp", admitted, cell, "", f"{i}-QĐ/ĐU", ""],
                [national_id, "Công nhận chính thức", recognized, cell, "", f"{i}-QĐ/ĐU", ""],
            ]
            if moves:
                where = siblings[i % len(siblings)]
                moved = D(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
                rows.append([national_id, "Chuyển sinh hoạt", moved, cell, where, f"{i}-QĐ/ĐU", ""])
            for row in rows:
                ledger.append(row)
            written += len(rows)
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 7) % len(MIDDLE)]} {GIVEN[(i // 3) % len(GIVEN)]}"
        people.append([name, gender, birth, national_id, "Kinh", "Không", "Hải Phòng", where, admitted,
                       recognized, f"52{i:08d}"])  # fmt: skip
    book.save(path)
    return {
        "organizations": 1 + committees * 21 + max(1, members // 500),
        "members": members,
        "ledger": written,
    }


# -- the runs -----------------------------------------------------------------------------------------------


def fresh_database(url: str):
    """An empty, migrated database at `url`."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "dangvu.settings.base"}
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(url)
        params = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None,
                  "password": config["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}  # fmt: skip
        with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"], check=True, env=env, cwd=PROJECT
    )


class Footprint:
    """The peak of the memory the importing process and its worker use together, sampled every second from
    the benchmark's own process (sampling inside the importing process took its CPU): the sum of their
    proportional set sizes (PSS: a page they share counts half for each), which the resident sizes of the two
    would count twice after the fork."""

    def __init__(self, pid: int):
        import threading

        self.pid = pid
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    @staticmethod
    def _pss(pid) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _sample(self):
        while self.running:
            pids = [self.pid]
            try:
                for task in Path(f"/proc/{self.pid}/task").glob("*/children"):
                    pids += [int(pid) for pid in task.read_text().split()]
            except OSError:  # the process or one of its threads ended meanwhile
                pass
            self.peak = max(self.peak, sum(self._pss(pid) for pid in pids))
            # Reading smaps_rollup walks the process's pages (about 10 ms for each of the two processes
            # here): once a second.
            time.sleep(1.0)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak / 1024


def child(args):
    """Run in a fresh process: import the file (or only read it) and print seconds and peak memory."""
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings.base")
    import django

    django.setup()
    content = Path(args.child).read_bytes()
    started = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = usage.ru_utime + usage.ru_stime
    if args.read_only:
        from dangvu.transfer.reader import Workbook, locate

        workbook = Workbook(content, args.engine)
        found, _problems = locate(workbook)
        rows = sum(1 for sheet in found.values() for _row in sheet.records())
        result = {"rows": rows}
    else:
        from dangvu.core.context import acting
        from dangvu.transfer.importer import run_import

        phases = {}

        def progress(phase, done, total):
            phases.setdefault(phase, round(time.perf_counter() - started, 1))

        with acting(None, source="bench"):
            outcome = run_import(
                content, filename=Path(args.child).name, engine=args.engine, progress=progress
            )
        result = {"counts": outcome.counts, "problems": [p.line() for p in outcome.problems[:10]]}
        result["phases"] = phases
        result["committed"] = outcome.committed
    result["seconds"] = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime - cpu_before
    result["peak_mib"] = usage.ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN)  # the import's worker process, when it had one
    result["worker_cpu_seconds"] = worker.ru_utime + worker.ru_stime
    result["worker_peak_mib"] = worker.ru_maxrss / 1024
    print(json.dumps(result, ensure_ascii=False))


def run_child(path: Path, url: str, *extra: str) -> dict:
    command = [sys.executable, __file__, "--child", str(path), "--database-url", url, *extra]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT
    )
    footprint = Footprint(process.pid)
    out, err = process.communicate()
    peak = footprint.stop()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, out, err)
    result = json.loads(out.strip().splitlines()[-1])
    result["together_peak_mib"] = peak
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--ledger", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--database-url", default=SQLITE_URL)
    parser.add_argument("--engine", choices=["calamine", "openpyxl"], default="calamine")
    parser.add_argument("--read-only", action="store_true", help="only read the workbook, with both engines")
    parser.add_argument("--out", type=Path, default=OUT, help="where the generated workbook is kept")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"import-{args.members}-{args.ledger}-{args.seed}.xlsx"
    if not path.exists():
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings.base")
        import django

        django.setup()
        started = time.perf_counter()
        made = generate(path, args.members, args.ledger, args.seed)
        log(f"generated {path.name}: {made} in {time.perf_counter() - started:.1f} s")
    log(f"workbook {path} ({path.stat().st_size / 2**20:.1f} MiB)")

    if args.read_only:
        for engine in ("calamine", "openpyxl"):
            found = run_child(path, args.database_url, "--read-only", "--engine", engine)
            log(f"read with {engine:9}: {found['rows']:,} rows in {found['seconds']:.1f} s "
                f"(CPU {found['cpu_seconds']:.1f} s), peak {found['peak_mib']:.0f} MiB")  # fmt: skip
        return None

    vendor = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    fresh_database(args.database_url)
    before = machine_speed()
    found = run_child(path, args.database_url, "--engine", args.engine)
    after = machine_speed()
    goal = 40 if vendor == "PostgreSQL" else 60
    log(json.dumps(found["counts"], ensure_ascii=False))
    log("phases started at (s): " + ", ".join(f"{phase} {at}" for phase, at in found["phases"].items()))
    if found["problems"]:
        log("problems: " + "; ".join(found["problems"]))
    log(
        f"{vendor}, {args.engine}: imported in {found['seconds']:.1f} s (goal < {goal} s; CPU of the importing "
        f"process {found['cpu_seconds']:.1f} s), peak memory "
        f"{found['peak_mib']:.0f} MiB (goal < 1024 MiB), committed: {found['committed']}"
    )
    if found["worker_cpu_seconds"]:
        log(
            f"worker process: CPU {found['worker_cpu_seconds']:.1f} s, peak resident memory "
            f"{found['worker_peak_mib']:.0f} MiB (partly shared with the importing process since the fork); "
            f"both processes together at most {found['together_peak_mib']:.0f} MiB (PSS)"
        )
    log(f"machine: the one-thread loop took {before:.2f} s before the import and {after:.2f} s after")
    return None


def machine_speed() -> float:
    """Seconds for a fixed loop of 30 million additions on one processor: how quick the machine is just now
    (the same code's import times follow it; about 1.5 s on this development machine at its quickest)."""
    started = time.perf_counter()
    total = 0
    for number in range(30_000_000):
        total += number
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
