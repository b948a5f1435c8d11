// Uploads a file to Framecast with tus-js-client, as a browser or Node client would.
// Usage: node upload.mjs ENDPOINT TOKEN FILE CHUNK_BYTES [--stop-after BYTES] [--resume-url URL]
// Prints one JSON line: {"url", "videoId", "done", "stoppedAt"}.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import * as tus from "tus-js-client";

const [endpoint, token, file, chunk, ...rest] = process.argv.slice(2);
const option = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const stopAfter = option("--stop-after") ? Number(option("--stop-after")) : undefined;
const resumeUrl = option("--resume-url");
const data = readFileSync(file);
let videoId = null;
let finished = false;

const upload = new tus.Upload(data, {
  endpoint,
  uploadUrl: resumeUrl,
  chunkSize: Number(chunk),
  retryDelays: [0, 500, 1000],
  headers: { Authorization: `Bearer ${token}` },
  metadata: { filename: basename(file), title: "Uploaded with tus-js-client" },
  onAfterResponse(_req, res) {
    const id = res.getHeader("Framecast-Video-Id");
    if (id) videoId = id;
  },
  onProgress(sent) {
    if (stopAfter !== undefined && sent >= stopAfter && !finished) {
      finished = true;
      // Like a closed tab: stop mid-way without terminating the upload on the server.
      upload.abort(false).then(() => {
        console.log(JSON.stringify({ url: upload.url, videoId, done: false, stoppedAt: sent }));
        process.exit(0);
      });
    }
  },
  onSuccess() {
    finished = true;
    console.log(JSON.stringify({ url: upload.url, videoId, done: true }));
  },
  onError(error) {
    console.error(String(error));
    process.exit(1);
  },
});
upload.start();
