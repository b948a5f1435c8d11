"""/proc readings for the benchmarks: a process's CPU ticks, its VmRSS, and the CPU of the .NET runtime's background
tiered-compilation thread.

That thread (".NET Tiered Com…") re-JITs hot methods at higher tiers. The runtime ends it when it has been idle for a
while and starts a new one later, and an exited thread's ticks no longer show anywhere per thread, so JitTracker keeps
the last reading of every such thread it has seen: call sample() often (the benchmarks do at every poll) and at most
the last interval of a thread that exits in between is missed.
"""
import glob


def stat_fields(path):
    with open(path) as f:
        # After the command name: utime is the 12th field, stime the 13th, cutime the 14th, cstime the 15th.
        return f.read().rsplit(")", 1)[1].split()


def ticks(pid):
    """(own utime + stime, exited children's cutime + cstime) in clock ticks."""
    fields = stat_fields(f"/proc/{pid}/stat")
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def vmrss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class JitTracker:
    def __init__(self, pid):
        self.pid = pid
        self.baseline = {}  # tid -> ticks when first seen at construction (threads that already existed)
        self.last = {}      # tid -> latest ticks seen
        for tid, t in self._read().items():
            self.baseline[tid] = t
            self.last[tid] = t

    def _read(self):
        found = {}
        for task in glob.glob(f"/proc/{self.pid}/task/*"):
            try:
                with open(f"{task}/comm") as f:
                    if not f.read().startswith(".NET Tiered"):
                        continue
                fields = stat_fields(f"{task}/stat")
                found[task.rsplit("/", 1)[1]] = int(fields[11]) + int(fields[12])
            except (FileNotFoundError, ProcessLookupError):
                pass
        return found

    def sample(self):
        """Reads the live JIT threads; returns the ticks they have used since the tracker was made."""
        self.last.update(self._read())
        return sum(t - self.baseline.get(tid, 0) for tid, t in self.last.items())
