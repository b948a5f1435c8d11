#!/usr/bin/env python3
"""Times the old ?q= substring scan on SQLite (bench/api/discovery.sh): for each term of the queries file, `repeat`
executions of the SQL (TERM replaced by the lower-cased term, as a bound LIKE pattern), rows fetched; prints one line
per execution: milliseconds. Python's sqlite3 module (system libsqlite3) with perf_counter, because the sqlite3 CLI's
.timer has a 1 ms resolution. Usage: scan_sqlite.py DB SQL-TEMPLATE QUERIES-FILE REPEAT"""
import sqlite3
import sys
import time

db, template, queries, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sql = template.replace("'%TERM%'", "?")
connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
for line in open(queries, encoding="utf-8"):
    term = line.rstrip("\n")
    if not term:
        continue
    pattern = "%" + term.lower() + "%"
    for _ in range(repeat):
        start = time.perf_counter()
        connection.execute(sql, (pattern, pattern)).fetchall()
        print(f"{(time.perf_counter() - start) * 1000:.3f}")
