// Exercise 01.3: an idle timeout. A client that connects and then says nothing holds a
// connection (a socket, memory, a slot in the `n open` count) for ever. Servers end such
// connections after a while: lesson 06's add server does it after 20 s of silence (seed 004).
import type { Server } from 'node:net';
import { type Logger, peerName } from '@sockets/shared';

/**
 * End every connection of `server` that stays silent for `idleTimeoutMs`. Plug it into a
 * lesson 01 server with `closeIdleConnections(tcpServer.server, 20_000, log)`.
 */
export function closeIdleConnections(server: Server, idleTimeoutMs: number, log: Logger): void {
  // 'connection' fires for every accepted socket, next to the server's own handler.
  server.on('connection', (socket) => {
    // setTimeout arms a timer that every read or write re-arms: it fires only after
    // idleTimeoutMs with no traffic at all. It does not close anything by itself.
    socket.setTimeout(idleTimeoutMs);
    socket.once('timeout', () => {
      log.warn(`${peerName(socket)} was idle for ${idleTimeoutMs} ms: closing the connection`);
      // end(), not destroy(): a FIN after the replies already written, so the client reads
      // them all and then sees a polite end, not ECONNRESET.
      socket.end();
    });
  });
}
