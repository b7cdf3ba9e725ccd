import { on } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WebSocket, WebSocketServer } from 'ws';

// seed 003's forwarding loop, ported as closely as JavaScript allows, so that
// the lesson can show what goes wrong with it (test/head-of-line.test.ts).
// The chat server does NOT use this: hub.ts is the fix.

// #region naive-forwarding
export function forwardNaively(wss: WebSocketServer): { stop(): void } {
  // seed 003: `var clients []*websocket.Conn`, shared by every connection.
  const clients: { socket: WebSocket; incoming: AsyncIterator<unknown[]> }[] = [];
  wss.on('connection', (socket) => {
    // seed 003: `clients = append(clients, ws)`, and then its handler returns,
    // which makes x/net/websocket close the connection it just saved. ws
    // keeps it open, so the port at least gets that far.
    clients.push({ socket, incoming: on(socket, 'message', { close: ['close'] }) });
  });

  let running = true;
  void (async function broadcast() {
    while (running) {
      // seed 003 spins here, burning a core, while there are no clients. In
      // JavaScript an empty loop would freeze the whole process, so we yield.
      await nextTurn();
      for (let i = 0; i < clients.length; i++) {
        // seed 003: `websocket.Message.Receive(clients[i], &data)`. It waits
        // for THIS client to speak; everyone after it waits too, however much
        // they have to say.
        const received = await clients[i]!.incoming.next();
        if (received.done) {
          // seed 003: `clients = append(clients[:i], clients[i+1:]...)` inside
          // the loop over `clients`: the client that moves into slot i is skipped.
          clients.splice(i, 1);
          continue;
        }
        const [data] = received.value as [Buffer];
        // seed 003: `websocket.Message.Send(clients[j], data)`, one after the
        // other: one client that does not read holds up every later one.
        for (const { socket } of clients) {
          await new Promise((resolve) => socket.send(data, { binary: false }, resolve));
        }
      }
    }
  })();
  return {
    stop: () => {
      running = false;
    },
  };
}
// #endregion naive-forwarding
