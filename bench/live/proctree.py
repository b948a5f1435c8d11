#!/usr/bin/env python3
"""Process-tree readings from /proc for bench/live.

  proctree.py ticks PID...        CPU clock ticks (user + system) of each PID's whole tree, summed: every live process
                                  in it (its own time and its reaped children's), so a child that exits in a window
                                  moves from "live" to its parent's cutime and the sum stays right.
  proctree.py find PID COMM       PID of the first descendant of PID whose command name is COMM (nothing if none).
  proctree.py cmdline PID         the process's arguments, one per line (NUL-separated in /proc).
  proctree.py rss PID             VmRSS in KiB.
"""
import os
import sys


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    comm = text[text.index("(") + 1:text.rindex(")")]
    return comm, text.rsplit(")", 1)[1].split()


def children():
    """ppid -> [pid] for every process now."""
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            _, fields = stat(name)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        out.setdefault(int(fields[1]), []).append(int(name))
    return out


def tree(pid, kids):
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(kids.get(p, []))
    return seen


def main():
    cmd, pids = sys.argv[1], [int(p) for p in sys.argv[2:3] if p.isdigit()]
    if cmd == "ticks":
        kids = children()
        total = 0
        for root in (int(p) for p in sys.argv[2:]):
            for p in tree(root, kids):
                try:
                    _, f = stat(p)
                except (FileNotFoundError, ProcessLookupError):
                    continue
                # utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the command name.
                total += int(f[11]) + int(f[12]) + int(f[13]) + int(f[14])
        print(total)
    elif cmd == "find":
        kids = children()
        for p in tree(pids[0], kids)[1:]:
            try:
                if stat(p)[0] == sys.argv[3]:
                    print(p)
                    return 0
            except (FileNotFoundError, ProcessLookupError):
                continue
    elif cmd == "cmdline":
        with open(f"/proc/{pids[0]}/cmdline", "rb") as f:
            for arg in f.read().split(b"\0")[:-1]:
                print(arg.decode())
    elif cmd == "rss":
        with open(f"/proc/{pids[0]}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    print(line.split()[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
