#!/usr/bin/env python3
"""Per-exhibit visits and median dwell from kiosk usage logs, with DuckDB.

The comparison half of `cargo bench -p usage-report --bench report`: the same two figures
the report writes in the first columns of exhibits.csv, computed by DuckDB straight from
the JSON Lines files, so the benchmark can check them and compare the time taken.

Layout: DIR/<kiosk>/<YYYY-MM-DD>.jsonl (any depth below DIR is read), one event per
line, schema v1 (docs: crates/usage-log/src/event.rs).

  visits         = distinct (kiosk, session) with a scene_enter in the exhibit
  median_dwell_s = median over those visits of the sum of the session's scene_exit
                   dwell_ms in the exhibit (0 when it has none), / 1000;
                   interpolated median (quantile_cont), as the report's

Lines that are not JSON objects (torn by a power cut, garbage) come back from
read_json(ignore_errors = true) as rows of NULLs and are dropped by the WHERE clause, as
the report's reader skips them. Only the columns needed are read and nothing is sniffed.

Output on stdout: a CSV table `exhibit,visits,median_dwell_s` (six decimals, not
rounded), then `elapsed_s=<seconds>` (from connecting to the last row, so the Python
start-up and the import are not counted) and `duckdb=<version>`.

Usage: duckdb_exhibits.py DIR [--threads N]
Needs: pip install duckdb  (e.g. python3 -m venv target/duckdb-venv &&
       target/duckdb-venv/bin/pip install duckdb)
"""
import argparse
import glob
import os
import sys
import time

import duckdb

COLUMNS = ("{v: 'BIGINT', kiosk: 'VARCHAR', event: 'VARCHAR', session: 'VARCHAR', "
           "exhibit: 'VARCHAR', scene: 'VARCHAR', kind: 'VARCHAR', dwell_ms: 'DOUBLE'}")


def sql_str(s: str) -> str:
    """A SQL string literal (table functions cannot take prepared parameters here)."""
    return "'" + s.replace("'", "''") + "'"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="the logs folder (kiosk folders of YYYY-MM-DD.jsonl files)")
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: all cores)")
    a = ap.parse_args()

    pattern = os.path.join(os.path.abspath(a.dir), "**", "*.jsonl")
    if not glob.glob(pattern, recursive=True):  # read_json fails on no match
        print(f"no *.jsonl files under {a.dir}", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    con = duckdb.connect()  # in memory
    if a.threads:
        con.execute(f"SET threads = {int(a.threads)}")
    # One scan, one aggregation per (exhibit, kiosk, session), then one per exhibit.
    # The WHERE clause keeps what the report's reader keeps: schema v1, a session, and
    # the fields scene_enter (kind) and scene_exit (dwell_ms) must have.
    rows = con.execute(f"""
        WITH per_visit AS (
            SELECT exhibit,
                   bool_or(event = 'scene_enter') AS entered,
                   coalesce(sum(dwell_ms) FILTER (WHERE event = 'scene_exit'), 0) AS total_ms
            FROM read_json({sql_str(pattern)},
                           format = 'newline_delimited',
                           columns = {COLUMNS},
                           ignore_errors = true,
                           hive_partitioning = false)
            WHERE v = 1
              AND event IS NOT NULL AND session IS NOT NULL
              AND kiosk IS NOT NULL AND exhibit IS NOT NULL AND scene IS NOT NULL
              AND ((event = 'scene_enter' AND kind IS NOT NULL)
                   OR (event = 'scene_exit' AND dwell_ms IS NOT NULL))
            GROUP BY exhibit, kiosk, session
        )
        SELECT exhibit, count(*) AS visits, median(total_ms) / 1000.0 AS median_dwell_s
        FROM per_visit
        WHERE entered
        GROUP BY exhibit
        ORDER BY exhibit
    """).fetchall()
    elapsed = time.perf_counter() - t0

    print("exhibit,visits,median_dwell_s")
    for exhibit, visits, median in rows:
        print(f"{exhibit},{visits},{median:.6f}")
    print(f"elapsed_s={elapsed:.6f}")
    print(f"duckdb={duckdb.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
