// A second visit starts where the viewer stopped (the server leaves data-resume empty near the start and the end),
// with a hint under the picture: "Resumed at 1:23 — Start over".
import { formatTime } from './time-format.js';

export function resumeAt(video, seconds, hintAnchor) {
  if (!(seconds > 0)) {
    return;
  }
  const jump = () => { video.currentTime = seconds; };
  if (video.readyState >= 1) {
    jump();
  } else {
    video.addEventListener('loadedmetadata', jump, { once: true });
  }

  const hint = document.createElement('p');
  hint.className = 'resume-hint';
  hint.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = `Resumed at ${formatTime(seconds)} — `;
  const restart = document.createElement('button');
  restart.type = 'button';
  restart.className = 'link-button';
  restart.textContent = 'Start over';
  restart.addEventListener('click', () => {
    video.removeEventListener('loadedmetadata', jump);
    video.currentTime = 0;
    hint.remove();
    video.play().catch(() => {}); // autoplay refused: the viewer presses Play
  });
  hint.append(text, restart);
  hintAnchor.after(hint);
}
