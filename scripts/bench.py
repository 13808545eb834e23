#!/usr/bin/env python3
"""`make bench`: build the synthetic datasets, time the pages, write bench/report.md.

    scripts/bench.py all                 # every run named by the environment, then the report
    scripts/bench.py run --engine sqlite --size small
    scripts/bench.py report              # only rewrite bench/report.md from var/bench/*.json

Environment: BENCH_SQLITE_SIZES (default "small"), BENCH_PG_SIZES (default "small large"),
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench; the database is dropped
and created afresh for every run), BENCH_REPEAT (timed requests per page, default 20).
Each run is its own process, because Django's settings name one database per process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
REPORT = ROOT / "bench" / "report.md"
FINDINGS = ROOT / "bench" / "findings.md"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/bench"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _pg_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)


def _recreate_pg(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _pg_available(url: str) -> bool:
    try:
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), connect_timeout=3):
            return True
    except Exception as error:  # any failure means "no PostgreSQL here"
        say(f"PostgreSQL ej nåbar ({type(error).__name__}); hoppar över PG-körningarna.")
        return False


def run(engine: str, size_name: str) -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        db_file = VAR / f"bench-{size_name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    else:
        _recreate_pg(_pg_url())
        os.environ["DATABASE_URL"] = _pg_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "brygga.conf.bench"
    os.environ.setdefault("VAR_DIR", str(VAR / "files"))
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from brygga.bench import dataset, measure

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    migrate_s = time.perf_counter() - started
    size = dataset.SIZES[size_name]
    started = time.perf_counter()
    built = dataset.build(size)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does within minutes of a bulk load in production: statistics for
            # the planner and a visibility map, so counts can be index-only scans.
            cursor.execute("VACUUM ANALYZE")
    build_s = time.perf_counter() - started
    say(f"[{engine}/{size_name}] data built in {build_s:.1f} s")
    repeat = int(os.environ.get("BENCH_REPEAT", "20"))
    started = time.perf_counter()
    results = measure.run(built, repeat=repeat)
    measure_s = time.perf_counter() - started
    out = {
        "engine": engine,
        "size": size_name,
        "counts": {k: v for k, v in vars(size).items() if k != "name"},
        "migrate_s": round(migrate_s, 1),
        "build_s": round(build_s, 1),
        "build_steps": built.seconds,
        "measure_s": round(measure_s, 1),
        "repeat": repeat,
        "at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **results,
    }
    (VAR / f"{engine}-{size_name}.json").write_text(json.dumps(out, indent=1, ensure_ascii=False))
    say(f"[{engine}/{size_name}] measured in {measure_s:.1f} s")


# --- The report -------------------------------------------------------------------------------


def _target(kind: str) -> float:
    return 50.0 if kind == "public" else 150.0


def _n(number: int) -> str:
    """1 027 with a space between thousands, as Swedish writes it."""
    return f"{number:,}".replace(",", " ")


def _mark(ok: bool) -> str:
    return "uppfyllt" if ok else "**missat**"


def report() -> None:
    runs = [json.loads(p.read_text()) for p in sorted(VAR.glob("*.json"))]
    order = {"tiny": 0, "small": 1, "medium": 2, "large": 3}
    runs.sort(key=lambda r: (r["engine"] != "postgresql", order.get(r["size"], 9)))
    lines = [
        "# Benchmark (`make bench`)",
        "",
        "Written by `scripts/bench.py report` from the runs in `var/bench/`; do not edit by hand "
        "(the findings at the end come from `bench/findings.md`).",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}. "
        "Server time: Django's test client through the full middleware stack (sessions, second "
        "factor, CSP, audit writes), no network; median and 95th percentile (nearest rank) of "
        "the timed requests after two warm-up requests. Queries counted in a separate request. "
        "CPU = the application process's own CPU time for the same requests (excludes the "
        "PostgreSQL server's work and time spent waiting for a core): on a machine shared with "
        "other work, wall-clock percentiles measure the load as much as the code, so both are "
        "shown and both are judged.",
        "",
        "Targets (issue 9): 95th percentile < 150 ms for staff pages and API, < 50 ms for public "
        "pages; the same query count at every size; never slower than the admin changelist; "
        "matching < 200 ms; the monthly payment run < 60 s; the IVO quarterly report < 5 s.",
        "",
        "## Runs",
        "",
        "| Database | Size | Carers | Clients | Decisions | Applicants | Reports | Migrate s | "
        "Build s | Measure s | Timed requests | At |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        c = r["counts"]
        lines.append(
            f"| {r['engine']} | {r['size']} | {_n(c['carers'])} | {_n(c['clients'])} | "
            f"{_n(c['decisions'])} | {_n(c['applicants'])} | {_n(c.get('reports', 0))} | "
            f"{r['migrate_s']} | {r['build_s']} | {r['measure_s']} | {r['repeat']} | {r['at']} |"
        )
    for r in runs:
        lines += [
            "",
            f"## {r['engine']}, {r['size']}",
            "",
            "| Page | Kind | Status | Queries | Median ms | p95 ms | CPU p95 ms | Target (p95 / "
            "CPU p95) | Admin p95 ms | Admin queries | Page/admin (p95) |",
            "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        ]
        for p in r["pages"]:
            ok = p["p95_ms"] < _target(p["kind"]) and p["status"] == 200
            ok_cpu = p["cpu_p95_ms"] < _target(p["kind"]) and p["status"] == 200
            admin = p.get("admin")
            if admin:
                ratio = p["p95_ms"] / admin["p95_ms"] if admin["p95_ms"] else 0.0
                admin_cols = (
                    f"{admin['p95_ms']} | {admin['queries']} | {ratio:.2f} "
                    f"{'' if ratio <= 1 else '**(slower)**'}"
                )
            else:
                admin_cols = " | | "
            lines.append(
                f"| {p['name']} | {p['kind']} | {p['status']} | {p['queries']} | "
                f"{p['median_ms']} | {p['p95_ms']} | {p['cpu_p95_ms']} | "
                f"< {_target(p['kind']):.0f}: {_mark(ok)} / {_mark(ok_cpu)} | "
                f"{admin_cols} |"
            )
        m = r["matching"]
        lines += [
            "",
            f"Matching over the pool for one decision (`decision_candidates`, called directly): "
            f"{m['pool']} carers with an approval for the type, {m['candidates']} ranked; "
            f"median {m['median_ms']} ms, p95 {m['p95_ms']} ms (CPU p95 {m['cpu_p95_ms']} ms); "
            f"target < 200 ms: {_mark(m['p95_ms'] < 200)} / {_mark(m['cpu_p95_ms'] < 200)}.",
        ]
        q = r.get("quarter_report")
        if q:
            lines += [
                "",
                f"IVO quarterly report ({q['quarter']}, `quarter_data` prepared from the "
                f"register): {q['rows']} rows; median {q['median_s']} s, slowest {q['max_s']} s; "
                f"target < 5 s: {_mark(q['max_s'] < 5)}.",
            ]
        pr = r.get("payment_run")
        if pr:
            lines += [
                "",
                f"Monthly payment run (`payment_run_build`, as the background task runs it): "
                f"{_n(pr['reports'])} approved reports, {_n(pr['paid'])} paid, "
                f"{_n(pr['lines'])} payment lines, {_n(pr['queries'])} queries; "
                f"{pr['seconds']} s (CPU {pr['cpu_seconds']} s), status {pr['status']}; "
                f"target < 60 s: {_mark(pr['seconds'] < 60 and pr['status'] == 'ready')}.",
            ]
        steps = ", ".join(f"{k} {v} s" for k, v in r["build_steps"].items())
        lines += ["", f"Build steps: {steps}."]
    # Query counts across sizes, per engine.
    lines += [
        "",
        "## Query counts across sizes",
        "",
        "The same page must cost the same number of queries whatever the number of rows.",
        "",
    ]
    for engine in ("postgresql", "sqlite"):
        mine = [r for r in runs if r["engine"] == engine]
        if len(mine) < 2:
            continue
        header = " | ".join(r["size"] for r in mine)
        lines += [
            f"### {engine}",
            "",
            f"| Page | {header} | Same |",
            "|---|" + "---:|" * len(mine) + "---|",
        ]
        for i, p in enumerate(mine[0]["pages"]):
            counts = [r["pages"][i]["queries"] for r in mine]
            lines.append(
                f"| {p['name']} | {' | '.join(map(str, counts))} | {_mark(len(set(counts)) == 1)} |"
            )
        lines.append("")
    if FINDINGS.exists():
        lines += ["", FINDINGS.read_text().strip()]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    say(f"Wrote {REPORT.relative_to(ROOT)}")


def run_all() -> int:
    plans = [("sqlite", s) for s in os.environ.get("BENCH_SQLITE_SIZES", "small").split()]
    pg_sizes = os.environ.get("BENCH_PG_SIZES", "small large").split()
    if pg_sizes and _pg_available(_pg_url()):
        plans += [("postgresql", s) for s in pg_sizes]
    for old in VAR.glob("*.json"):
        old.unlink()
    failed = 0
    for engine, size in plans:
        # Our own script with fixed arguments from the environment's size names.
        code = subprocess.call(  # noqa: S603
            [sys.executable, __file__, "run", "--engine", engine, "--size", size], cwd=ROOT
        )
        failed += code != 0
    report()
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("run")
    one.add_argument("--engine", choices=("sqlite", "postgresql"), required=True)
    one.add_argument("--size", choices=("tiny", "small", "medium", "large"), required=True)
    sub.add_parser("report")
    sub.add_parser("all")
    args = parser.parse_args()
    if args.command == "run":
        run(args.engine, args.size)
        return 0
    if args.command == "report":
        report()
        return 0
    return run_all()


if __name__ == "__main__":
    sys.exit(main())
