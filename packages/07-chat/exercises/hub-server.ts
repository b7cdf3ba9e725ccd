import { once } from 'node:events';
import { type WebSocket, WebSocketServer } from 'ws';
import { Client } from '../src/client.ts';
import type { Hub } from '../src/hub.ts';
import { chooseName } from '../src/messages.ts';
import { serverDefaults } from '../src/options.ts';

// The exercises' server: src/server.ts cut down to what an exercise needs.
// startChatServer makes its own Hub; this one takes the hub an exercise
// built, and lets it look at each socket before the Client does. No page, no
// Origin check and no heartbeat: the specs run it on 127.0.0.1, port 0.

export interface HubServer {
  /** ws://127.0.0.1:<port>/ */
  wsUrl: string;
  close(): Promise<void>;
}

export interface HubServerOptions {
  /**
   * Called with each new socket before its Client is made. A 'message'
   * listener added here runs before the Client's own one, since an event's
   * listeners run in the order they were added.
   */
  beforeClient?(socket: WebSocket, name: string): void;
}

export async function startHubServer(hub: Hub, options: HubServerOptions = {}): Promise<HubServer> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    maxPayload: serverDefaults.maxMessageBytes,
    clientTracking: false,
  });
  await once(wss, 'listening');
  let guests = 0;
  wss.on('connection', (socket, request) => {
    guests += 1;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const name = chooseName(url.searchParams.get('name'), guests);
    options.beforeClient?.(socket, name);
    hub.register(new Client(name, socket, hub, serverDefaults));
  });
  const { port } = wss.address() as { port: number };
  return {
    wsUrl: `ws://127.0.0.1:${port}/`,
    async close() {
      await hub.closeAll(1001, 'server shutting down', 1000);
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}
