// The storyboard WebVTT: cues of "sprite.jpg#xywh=x,y,w,h" for hover previews on the seek bar.

function parseTimestamp(text) {
  let seconds = 0;
  for (const part of text.trim().split(':')) {
    seconds = seconds * 60 + Number.parseFloat(part);
  }
  return seconds;
}

function resolveImage(reference, vttUrl) {
  const url = new URL(reference, vttUrl);
  const token = vttUrl.searchParams.get('token');
  // A private video's VTT is fetched with ?token=; its sprite needs the same token.
  if (token && !url.searchParams.has('token')) {
    url.searchParams.set('token', token);
  }
  return url.href;
}

export function parseStoryboard(text, vttUrl) {
  const cues = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing < 0 || timing + 1 >= lines.length) {
      continue;
    }
    const [from, to] = lines[timing].split('-->');
    const payload = lines[timing + 1];
    const hash = payload.indexOf('#xywh=');
    if (hash < 0) {
      continue;
    }
    const box = payload.slice(hash + 6).split(',').map((n) => Number.parseInt(n, 10));
    if (box.length !== 4 || box.some((n) => !Number.isFinite(n))) {
      continue;
    }
    cues.push({
      start: parseTimestamp(from),
      end: parseTimestamp(to.trim().split(/\s+/)[0]),
      image: resolveImage(payload.slice(0, hash), vttUrl),
      x: box[0],
      y: box[1],
      w: box[2],
      h: box[3],
    });
  }
  return cues.sort((a, b) => a.start - b.start);
}

export function cueAt(cues, t) {
  let found = null;
  for (const cue of cues) {
    if (cue.start > t) {
      break;
    }
    found = cue;
  }
  return found;
}

// Resolves to the cues, or to none when there is no storyboard (the seek bar still shows the time).
export async function loadStoryboard(url) {
  if (!url) {
    return [];
  }
  const vttUrl = new URL(url, window.location.href);
  try {
    const response = await fetch(vttUrl.href, { credentials: 'same-origin' });
    if (!response.ok) {
      return [];
    }
    const cues = parseStoryboard(await response.text(), vttUrl);
    if (cues.length > 0) {
      new Image().src = cues[0].image; // warm the cache so the first hover shows a picture
    }
    return cues;
  } catch {
    return [];
  }
}
