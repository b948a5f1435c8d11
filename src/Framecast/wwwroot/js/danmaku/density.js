// "How many at once": admits an item shown at time t (seconds) only while fewer than `limit` admitted items were
// shown in the `span` seconds before it (what is still crossing the screen). 0 admits everything. The same item
// asked about twice gets the same answer, so thinning does not change when a video is seeked back and forth.

export function createDensityGate() {
  const times = []; // admitted items' times, sorted
  const answers = new Map();

  function countBetween(from, to) {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < from) lo = mid + 1; else hi = mid;
    }
    let n = 0;
    for (let i = lo; i < times.length && times[i] <= to; i++) n++;
    return n;
  }

  return {
    admit(id, time, limit, span) {
      if (answers.has(id)) {
        return answers.get(id);
      }
      const ok = !limit || countBetween(time - span, time) < limit;
      answers.set(id, ok);
      if (ok) {
        while (times.length && times[0] < time - 600) times.shift(); // a long broadcast: what left the screen long ago
        let i = times.length;
        while (i > 0 && times[i - 1] > time) i--;
        times.splice(i, 0, time);
      }
      return ok;
    },
    /** Forgets every answer (the density setting changed). */
    reset() {
      times.length = 0;
      answers.clear();
    },
  };
}
