// Exercise 01.3: an idle timeout. A client that connects and then says nothing holds a
// connection (a socket, memory, a slot in the `n open` count) for ever. Servers end such
// connections after a while: lesson 06's add server does it after 20 s of silence (seed 004).
//
// Check your work: pnpm exercise 01 3
import type { Server } from 'node:net';
import type { Logger } from '@sockets/shared';

/**
 * End every connection of `server` that stays silent for `idleTimeoutMs`. Plug it into a
 * lesson 01 server with `closeIdleConnections(tcpServer.server, 20_000, log)`.
 */
export function closeIdleConnections(server: Server, idleTimeoutMs: number, log: Logger): void {
  // TODO(exercise): for every new connection (the server's 'connection' event), arm an idle
  // timer with socket.setTimeout(idleTimeoutMs). When its 'timeout' event fires, log a
  // warning naming the peer (peerName from @sockets/shared) and the word "idle", then end
  // the connection politely.
}
