// The watch page's "Like" button (aria-pressed, with the count) and the "Follow"/"Following" button with the
// follower count on the watch and channel pages. Signed-out viewers get sign-in links from the server instead, and
// see the counts. The markup contract is in Features/Web/PAGES.md.
import { api, segment } from '../chat/api.js';
import { bindToggle } from './toggle.js';

const likes = (n) => (n === 1 ? '1 like' : `${Number(n).toLocaleString('en-US')} likes`);
const followers = (n) => (n === 1 ? '1 follower' : `${Number(n).toLocaleString('en-US')} followers`);

function likeButton(root) {
  const button = root.querySelector('#like-button');
  const count = root.querySelector('#like-count');
  const url = `/api/v1/videos/${segment(root.dataset.videoId)}/like`;
  if (!button) {
    api('GET', url).then((r) => { if (r.ok && Number.isFinite(r.body?.likes)) { count.textContent = likes(r.body.likes); } });
    return;
  }
  bindToggle({
    button,
    url,
    what: 'likes',
    error: root.querySelector('#like-error'),
    read: (body) => ({ on: body.liked === true, count: Number(body.likes) || 0 }),
    render: ({ on, count: n }) => {
      button.setAttribute('aria-pressed', String(on));
      count.textContent = Number(n).toLocaleString('en-US');
      count.setAttribute('aria-label', likes(n));
    },
  });
}

function followButton(root) {
  const button = root.querySelector('#follow-button');
  const count = root.querySelector('#follower-count');
  const url = `/api/v1/channels/${segment(root.dataset.channel)}/subscription`;
  if (!button) {
    api('GET', url).then((r) => { if (r.ok && Number.isFinite(r.body?.followers)) { count.textContent = followers(r.body.followers); } });
    return;
  }
  bindToggle({
    button,
    url,
    what: 'follow',
    error: root.querySelector('#follow-error'),
    read: (body) => ({ on: body.following === true, count: Number(body.followers) || 0 }),
    render: ({ on, count: n }) => {
      button.textContent = on ? 'Following' : 'Follow';
      button.classList.toggle('is-on', on);
      count.textContent = followers(n);
    },
  });
}

const like = document.getElementById('like');
if (like) {
  likeButton(like);
}
const follow = document.getElementById('follow');
if (follow) {
  followButton(follow);
}
