import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { peerName } from '../src/address.ts';
import { closeAll, closeOnce, type Departing, shutDown } from '../src/lifecycle.ts';
import { listen } from '../src/listen.ts';
import { createLogger } from '../src/log.ts';

// The shutdown policy on real TCP connections: going away is a FIN, as in lesson 01.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger('test', (_level, line) => lines.push(line)) };
}

/** A server whose accepted sockets come out of `accepted()`, and a way to connect to it. */
async function tcpServer() {
  const server: Server = createServer({ allowHalfOpen: true });
  const port = await listen(server, '127.0.0.1', 0);
  cleanups.push(() => server.close());
  return {
    /** A client that answers our FIN with its own (Node's default), or one that never does. */
    async connect(answersFin: boolean): Promise<Socket> {
      const accepted = once(server, 'connection');
      const client = connect({ port, host: '127.0.0.1', allowHalfOpen: !answersFin });
      client.on('error', () => {});
      cleanups.push(() => client.destroy());
      const [socket] = (await accepted) as [Socket];
      return socket;
    },
  };
}

function departing(socket: Socket): Departing {
  return {
    name: peerName(socket),
    goAway: () => socket.end(),
    closed: once(socket, 'close'),
    drop: () => socket.destroy(),
  };
}

describe('closeAll', () => {
  it('waits for every connection to close, and logs nothing when all do', async () => {
    const server = await tcpServer();
    const sockets = [await server.connect(true), await server.connect(true)];
    const { lines, log } = capture();
    await closeAll(sockets.map(departing), 60_000, log);
    expect(sockets.every((socket) => socket.destroyed)).toBe(true);
    expect(lines).toEqual([]);
  });

  it('drops a connection that does not close within closeTimeoutMs, with one line', async () => {
    const server = await tcpServer();
    const polite = await server.connect(true);
    const stubborn = await server.connect(false);
    const { lines, log } = capture();
    await closeAll([departing(polite), departing(stubborn)], 50, log);
    expect(stubborn.destroyed).toBe(true);
    expect(lines).toEqual([
      `[test] warn: ${peerName(stubborn)} did not close within 50 ms: dropping it`,
    ]);
  });
});

describe('closeOnce and shutDown', () => {
  it('stop the HTTP server once, however often close is called', async () => {
    const server = createHttpServer((_request, response) => response.end('hi'));
    const port = await listen(server, '127.0.0.1', 0);
    // A page load kept alive: shutDown must not wait for its keep-alive to time out.
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe('hi');
    let runs = 0;
    const close = closeOnce(() =>
      shutDown(server, async () => {
        runs += 1;
      }),
    );
    const first = close();
    expect(close()).toBe(first);
    await first;
    expect(runs).toBe(1);
    expect(server.listening).toBe(false);
  });
});
