// Drives page.html in headless Chromium (playwright-core) for bench/live and prints the glass-to-glass latency of
// each stream as one JSON line.
//
// Usage: node player.mjs --modules DIR --chromium PATH --warmup S --duration S --joins N --hls-config '{...}'
//          [--alternate yes] --out FILE name=url [name=url...]
//   --hls-config: the object literal given to new Hls(...) (JavaScript, as written in Framecast's live player).
//   The recording (--duration seconds in all) is split over N page loads, each --warmup seconds after its first frame.
//   Several streams play at once in each page (recorded over the same seconds); --alternate yes reverses their order
//   on every second page load.
//   DIR: a node_modules dir with playwright-core and hls.js. The page and hls.js are served by a small HTTP server on
//   127.0.0.1 (a port the kernel picks); Chromium runs with --disable-web-security so that the page may read the
//   streams from other origins without CORS headers (Framecast's and nginx's answers are used as they are).
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const opt = {};
const streams = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith("--")) opt[args[i].slice(2)] = args[++i];
  else streams.push(args[i]);
}
const require = createRequire(join(opt.modules, "noop.js"));
const { chromium } = require("playwright-core");
const hlsJs = readFileSync(join(opt.modules, "hls.js", "dist", "hls.min.js"));
const hlsVersion = JSON.parse(readFileSync(join(opt.modules, "hls.js", "package.json"), "utf8")).version;
const page = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "page.html"));
const warmup = Number(opt.warmup ?? 10), duration = Number(opt.duration ?? 60);
const log = (m) => process.stderr.write(`[player ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const server = createServer((req, res) => {
  const path = req.url.split("?")[0];
  if (path === "/") res.writeHead(200, { "Content-Type": "text/html" }).end(page);
  else if (path === "/hls.js") res.writeHead(200, { "Content-Type": "text/javascript" }).end(hlsJs);
  else res.writeHead(404).end();
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
// With --alternate yes, the streams are set up in reverse order on every second join (several streams in one page:
// neither always gets the first requests).
const query = (j) => (opt.alternate === "yes" && j % 2 === 0 ? [...streams].reverse() : streams)
  .map((s) => "s=" + encodeURIComponent(s.replace("=", "|"))).join("&") + `&every=${opt.every ?? 3}` +
  `&config=${encodeURIComponent(opt["hls-config"] ?? "{ lowLatencyMode: true }")}`;

const browser = await chromium.launch({
  executablePath: opt.chromium,
  headless: true,
  args: [...(process.env.BENCH_CHROMIUM_ARGS || "").split(" ").filter(Boolean), "--disable-web-security", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
         "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
});
let status = 0;
// One join: a fresh page loads the streams, waits (at most 30 s) for every stream's first frame, warms up, records.
async function playOnce(number, seconds) {
  const context = await browser.newContext({ viewport: { width: 1300, height: 400 } });
  const tab = await context.newPage();
  const consoleLines = [];
  tab.on("console", (m) => { if (consoleLines.length < 100) consoleLines.push(`${m.type()}: ${m.text()}`); });
  tab.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  await tab.goto(`http://127.0.0.1:${server.address().port}/?${query(number)}`);
  const codecs = await tab.evaluate(() => ({
    h264: MediaSource.isTypeSupported('video/mp4; codecs="avc1.64001f"'),
    aac: MediaSource.isTypeSupported('audio/mp4; codecs="mp4a.40.2"'),
    version: navigator.userAgent,
  }));
  if (number === 1) log(`Chromium: ${codecs.version}; H.264 in MSE: ${codecs.h264}, AAC: ${codecs.aac}`);
  const deadline = Date.now() + 30000;
  let first;
  for (;;) {
    first = await tab.evaluate(() => Object.fromEntries(
      Object.entries(window.bench.streams).map(([n, s]) => [n, s.firstFrameAt])));
    if (Object.values(first).every((v) => v !== null)) break;
    if (Date.now() > deadline) { log(`join ${number}: not every stream played within 30 s: ${JSON.stringify(first)}`); break; }
    await new Promise((ok) => setTimeout(ok, 250));
  }
  await new Promise((ok) => setTimeout(ok, warmup * 1000));
  await tab.evaluate(() => window.benchStart());
  await new Promise((ok) => setTimeout(ok, seconds * 1000));
  const raw = await tab.evaluate(() => window.benchStop());
  await context.close();
  return { raw, codecs, consoleLines, first };
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] : null;
};

try {
  // The recording time is split over JOINS fresh page loads: where in the GOP a player joins moves where hls.js
  // settles, so several joins show what viewers get better than one.
  const joins = Math.max(1, Number(opt.joins ?? 1));
  const each = duration / joins;
  const result = { hlsJs: hlsVersion, hlsConfig: opt["hls-config"], warmup, duration, joins, streams: {}, console: [] };
  for (let j = 1; j <= joins; j++) {
    const { raw, codecs, consoleLines, first } = await playOnce(j, each);
    result.chromium = codecs.version;
    result.h264 = codecs.h264;
    result.console.push(...consoleLines.map((l) => `join ${j}: ${l}`));
    for (const [name, s] of Object.entries(raw)) {
      const r = result.streams[name] ??= {
        url: s.url, latencies: [], frames: 0, unreadable: 0, waiting: 0, waitingTotal: 0, dropped: 0,
        hlsLatencies: [], edgeAges: [], framesPerLevel: {}, levels: s.levelList, errors: [], perJoin: [], series: [],
        targetLatency: s.targetLatency, lowLatencyMode: s.lowLatencyMode,
      };
      r.latencies.push(...s.latencies);
      r.hlsLatencies.push(...s.hlsLatencies);
      r.edgeAges.push(...s.edgeAges);
      for (const k of ["frames", "unreadable", "waiting", "waitingTotal", "dropped"]) r[k] += s[k];
      for (const [level, n] of Object.entries(s.levels)) r.framesPerLevel[level] = (r.framesPerLevel[level] || 0) + n;
      r.errors.push(...s.errors.map((e) => ({ ...e, join: j })));
      r.series.push(...s.series.map((e) => ({ ...e, join: j })));
      r.targetLatency = s.targetLatency;
      r.perJoin.push({ join: j, median: pct(s.latencies, 0.5), p95: pct(s.latencies, 0.95), firstFrameAt: first[name],
                       hlsLatencyMedian: pct(s.hlsLatencies, 0.5), edgeAgeMedian: pct(s.edgeAges, 0.5),
                       levelSwitches: s.levelSwitches });
      log(`${name}, join ${j}/${joins}: first frame after ${first[name]} ms; median ${pct(s.latencies, 0.5)} ms,` +
          ` p95 ${pct(s.latencies, 0.95)} ms over ${s.latencies.length} frames read`);
    }
  }
  for (const r of Object.values(result.streams)) {
    Object.assign(r, {
      samples: r.latencies.length, median: pct(r.latencies, 0.5), p95: pct(r.latencies, 0.95),
      min: pct(r.latencies, 0), max: pct(r.latencies, 1), hlsLatencyMedian: pct(r.hlsLatencies, 0.5),
      edgeAgeMedian: pct(r.edgeAges, 0.5), edgeAgeP95: pct(r.edgeAges, 0.95),
    });
    delete r.latencies;
    delete r.hlsLatencies;
    delete r.edgeAges;
  }
  writeFileSync(opt.out, JSON.stringify(result, null, 1));
  for (const [n, r] of Object.entries(result.streams)) {
    log(`${n}: median ${r.median} ms, p95 ${r.p95} ms, ${r.samples} frames read, ${r.unreadable} unreadable, ` +
        `${r.waiting} stalls, ${r.errors.length} hls.js errors`);
  }
} catch (e) {
  log(`failed: ${e.stack || e}`);
  status = 1;
} finally {
  await browser.close().catch(() => {});
  server.close();
}
process.exit(status);
