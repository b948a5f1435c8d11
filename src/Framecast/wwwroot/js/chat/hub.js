// One SignalR connection to /hubs/live for the page, in one room (a live session's chat or a video's danmaku):
// WebSockets, reconnecting by itself and joining the room again each time; after SignalR gives up, it starts over
// every 15 s. Needs lib/signalr.min.js loaded before the page's module.

const RETRY_DELAYS_MS = [0, 1000, 3000, 5000, 10000, 20000, 30000];
const RESTART_MS = 15000;

/**
 * @param {{ join: string, room: string, events: Record<string, Function>,
 *           onState: (state: object) => void, onStatus: (status: string, detail?: string) => void }} options
 *   join is the hub method (JoinLive, JoinVideo); onStatus gets connecting | connected | reconnecting | disconnected |
 *   unavailable | not-found.
 */
export function connectRoom({ join, room, events, onState, onStatus }) {
  const signalR = window.signalR;
  if (!signalR) {
    onStatus('unavailable');
    return null;
  }
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect(RETRY_DELAYS_MS)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [name, handler] of Object.entries(events)) {
    connection.on(name, handler);
  }
  let stopped = false;
  let joined = false;

  async function enter() {
    try {
      const state = await connection.invoke(join, room);
      joined = true;
      onState(state || {});
      onStatus('connected');
    } catch (error) {
      joined = false;
      const message = String(error?.message || '');
      onStatus(/not_found/.test(message) ? 'not-found' : 'disconnected', message);
    }
  }

  async function start() {
    if (stopped) {
      return;
    }
    onStatus('connecting');
    try {
      await connection.start();
    } catch {
      onStatus('disconnected');
      setTimeout(start, RESTART_MS);
      return;
    }
    await enter();
  }

  connection.onreconnecting(() => {
    joined = false;
    onStatus('reconnecting');
  });
  connection.onreconnected(() => enter());
  connection.onclose(() => {
    joined = false;
    onStatus('disconnected');
    if (!stopped) {
      setTimeout(start, RESTART_MS);
    }
  });
  start();

  return {
    /** Whether the room is joined now (sending through the hub works). */
    get joined() {
      return joined && connection.state === signalR.HubConnectionState.Connected;
    },
    invoke: (method, ...args) => connection.invoke(method, ...args),
    stop() {
      stopped = true;
      return connection.stop();
    },
  };
}
