// "Quality": Auto plus one entry per rendition hls.js found, highest first.

export function createQualityMenu() {
  const wrap = document.createElement('span');
  wrap.className = 'player-quality';
  wrap.hidden = true;
  const label = document.createElement('label');
  label.htmlFor = 'quality';
  label.textContent = 'Quality';
  const select = document.createElement('select');
  select.id = 'quality';
  wrap.append(label, select);

  // levels: [{ index, height, bitrate }]; choose(index) switches (-1 is automatic).
  function setLevels(levels, choose) {
    select.replaceChildren(new Option('Auto', '-1'));
    const sorted = [...levels].sort((a, b) => b.height - a.height || b.bitrate - a.bitrate);
    const perHeight = new Map();
    for (const level of sorted) {
      perHeight.set(level.height, (perHeight.get(level.height) || 0) + 1);
    }
    for (const level of sorted) {
      let name = level.height ? `${level.height}p` : `${Math.round(level.bitrate / 1000)} kbps`;
      if (level.height && perHeight.get(level.height) > 1) {
        name += ` (${(level.bitrate / 1e6).toFixed(1)} Mbps)`;
      }
      select.append(new Option(name, String(level.index)));
    }
    select.value = '-1';
    select.onchange = () => choose(Number.parseInt(select.value, 10));
    wrap.hidden = false;
  }

  function clear() {
    wrap.hidden = true;
    select.replaceChildren();
  }

  return { element: wrap, setLevels, clear };
}
