import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { startCompressionServer } from '@sockets/compression';
import { consoleSink, createLogger } from '@sockets/shared';
import { WebSocket, WebSocketServer } from 'ws';
import { type Bench, fixed, whole } from './bench.ts';
import type { Progress } from './progress.ts';

// Lesson 08's permessage-deflate against ws's, as echo servers, for text that
// compresses well (JSON chat messages) and for random bytes, per setting:
//
// - bytes on the wire per message, both directions (from the client's socket);
// - messages per second, a ws client pipelining messages in batches;
// - memory per connection: the growth of the server process's heap, external
//   and ArrayBuffer memory (zlib's state is external) over N open connections
//   that each exchanged one message, after a full garbage collection. The
//   server runs in a process of its own (compression-server.ts), so the ws
//   clients' memory is not counted.
//
// The client is a ws client in every case, so only the server differs.

// #region setups
export interface CompressionSetup {
  name: string;
  /** undefined: compression off (the offer is declined) */
  windowBits: number | undefined;
  takeover: boolean;
}

export const compressionSetups: CompressionSetup[] = [
  { name: 'off', windowBits: undefined, takeover: true },
  { name: '15 bits', windowBits: 15, takeover: true },
  { name: '12 bits', windowBits: 12, takeover: true },
  { name: '9 bits', windowBits: 9, takeover: true },
  { name: '15 bits, no takeover', windowBits: 15, takeover: false },
];

export const payloadKinds = ['chat JSON', 'random 1 KiB'] as const;
export type PayloadKind = (typeof payloadKinds)[number];
// #endregion setups

export interface CompressionSettings {
  /** messages per throughput run */
  messages: number;
  /** connections held open for the memory figure */
  connections: number;
  setups: CompressionSetup[];
}

export interface CompressionRow {
  payload: PayloadKind;
  setup: string;
  server: 'ours' | 'ws';
  /** bytes on the wire per message, request and echo together, headers included */
  wireBytesPerMessage: number;
  /** the message's own size, for comparison */
  messageBytes: number;
  messagesPerSecond: number;
  kibPerConnection: number;
}

/** Messages numbered from `first`, so that no two phases send the same bytes. */
function messagesOf(kind: PayloadKind, count: number, first = 0): Buffer[] {
  if (kind === 'random 1 KiB') return Array.from({ length: count }, () => randomBytes(1024));
  return Array.from({ length: count }, (_, n) => first + n).map((i) =>
    Buffer.from(
      JSON.stringify({
        type: 'message',
        from: `user${i % 13}`,
        room: 'lobby',
        text: `message number ${i}: hello, everyone in the lobby!`,
        at: 1_764_750_000_000 + i * 1000,
      }),
    ),
  );
}

interface Running {
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  server: 'ours' | 'ws',
  setup: CompressionSetup,
): Promise<Running> {
  const bits = setup.windowBits ?? 15;
  if (server === 'ours') {
    return startCompressionServer({
      host: '127.0.0.1',
      port: 0,
      // A line per connection would flood a run: warnings only.
      log: createLogger('compression', consoleSink, 'warn'),
      maxMessageBytes: 1024 * 1024,
      permessageDeflate: setup.windowBits !== undefined,
      serverMaxWindowBits: bits,
      clientMaxWindowBits: bits,
      serverNoContextTakeover: !setup.takeover,
      clientNoContextTakeover: !setup.takeover,
      thresholdBytes: 0,
    });
  }
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate:
      setup.windowBits === undefined
        ? false
        : {
            serverMaxWindowBits: bits,
            clientMaxWindowBits: bits,
            serverNoContextTakeover: !setup.takeover,
            clientNoContextTakeover: !setup.takeover,
            threshold: 0,
          },
  });
  await once(wss, 'listening');
  wss.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => socket.send(data as Buffer, { binary: isBinary })),
  );
  const { port } = wss.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/echo`,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

async function openClient(url: string): Promise<{ client: WebSocket; socket: Socket }> {
  // The client offers everything; each server answers with its own settings.
  const client = new WebSocket(url, { perMessageDeflate: { threshold: 0 } });
  const upgraded = once(client, 'upgrade') as Promise<[IncomingMessage]>;
  await once(client, 'open');
  const [response] = await upgraded;
  return { client, socket: response.socket as Socket };
}

/** Sends every message, at most `batch` unanswered at a time, and waits for every echo. */
async function echoAll(client: WebSocket, messages: Buffer[], batch = 100): Promise<void> {
  for (let start = 0; start < messages.length; start += batch) {
    const slice = messages.slice(start, start + batch);
    let left = slice.length;
    const done = new Promise<void>((resolve) => {
      const onMessage = () => {
        left -= 1;
        if (left === 0) {
          client.off('message', onMessage);
          resolve();
        }
      };
      client.on('message', onMessage);
    });
    for (const message of slice) client.send(message);
    await done;
  }
}

async function measure(
  server: 'ours' | 'ws',
  setup: CompressionSetup,
  payload: PayloadKind,
  settings: CompressionSettings,
): Promise<CompressionRow> {
  const running = await forkServer(server, setup);
  try {
    // Fresh messages for each phase: with context takeover, a message sent
    // again would be found in the window and cost a few bytes.
    const [memoryMessages, warmUp, messages] = [
      messagesOf(payload, settings.connections),
      messagesOf(payload, 50, settings.connections),
      messagesOf(payload, settings.messages, settings.connections + 50),
    ];

    // Memory first, before the throughput run leaves garbage behind.
    const before = await running.heldBytes();
    const clients: WebSocket[] = [];
    for (const message of memoryMessages) {
      const { client } = await openClient(running.url);
      await echoAll(client, [message]);
      clients.push(client);
    }
    const grown = (await running.heldBytes()) - before;
    await Promise.all(clients.map(closeClient));

    const { client, socket } = await openClient(running.url);
    await echoAll(client, warmUp);
    const bytesBefore = socket.bytesRead + socket.bytesWritten;
    const started = performance.now();
    await echoAll(client, messages);
    const seconds = (performance.now() - started) / 1000;
    const wire = socket.bytesRead + socket.bytesWritten - bytesBefore;
    await closeClient(client);
    return {
      payload,
      setup: setup.name,
      server,
      wireBytesPerMessage: wire / messages.length,
      messageBytes: messages.reduce((sum, m) => sum + m.length, 0) / messages.length,
      messagesPerSecond: messages.length / seconds,
      kibPerConnection: grown / settings.connections / 1024,
    };
  } finally {
    await running.close();
  }
}

interface ForkedServer extends Running {
  /** The server process's memory after a full garbage collection. */
  heldBytes(): Promise<number>;
}

/** One server in a process of its own (compression-server.ts), driven over IPC. */
async function forkServer(server: 'ours' | 'ws', setup: CompressionSetup): Promise<ForkedServer> {
  const child: ChildProcess = fork(
    new URL('./compression-server.ts', import.meta.url),
    [server, setup.name],
    { execArgv: ['--import', 'tsx'], stdio: 'inherit' },
  );
  const reply = async <T>(): Promise<T> => ((await once(child, 'message')) as [T])[0];
  const { url } = await reply<{ url: string }>();
  return {
    url,
    heldBytes: async () => {
      const answer = reply<{ heldBytes: number }>();
      child.send('memory');
      return (await answer).heldBytes;
    },
    close: async () => {
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}

/** A normal close (1000), waited for: the servers log nothing for it. */
async function closeClient(client: WebSocket): Promise<void> {
  const closed = once(client, 'close');
  client.close(1000);
  await closed;
}

function compressionSteps(settings: CompressionSettings): number {
  return settings.setups.length * payloadKinds.length * 2;
}

async function runCompressionBench(
  settings: CompressionSettings,
  progress: Progress,
): Promise<CompressionRow[]> {
  const rows: CompressionRow[] = [];
  for (const payload of payloadKinds) {
    for (const setup of settings.setups) {
      for (const server of ['ours', 'ws'] as const) {
        progress.update(rows.length, `${payload}, ${setup.name}, ${server}`);
        rows.push(await measure(server, setup, payload, settings));
      }
    }
  }
  return rows;
}

function compressionCharts(rows: CompressionRow[]) {
  const chart = (
    title: string,
    unit: string,
    payload: PayloadKind,
    value: (row: CompressionRow) => number,
  ) => ({
    title,
    unit,
    series: ['ours', 'ws'],
    groups: [...new Set(rows.map((row) => row.setup))].map((setup) => {
      const pick = (server: 'ours' | 'ws') =>
        rows.find((r) => r.payload === payload && r.setup === setup && r.server === server);
      return {
        label: setup,
        values: { ours: value(pick('ours')!), ws: value(pick('ws')!) },
      };
    }),
  });
  return {
    'wire-chat': chart(
      'Bytes on the wire per chat message (both ways)',
      'bytes',
      'chat JSON',
      (r) => r.wireBytesPerMessage,
    ),
    'rate-chat': chart(
      'Chat messages echoed per second',
      'messages/s',
      'chat JSON',
      (r) => r.messagesPerSecond,
    ),
    'rate-random': chart(
      'Random 1 KiB messages echoed per second',
      'messages/s',
      'random 1 KiB',
      (r) => r.messagesPerSecond,
    ),
    memory: chart(
      'Memory per connection after one chat message',
      'KiB',
      'chat JSON',
      (r) => r.kibPerConnection,
    ),
  };
}

export const compressionBench: Bench<CompressionSettings, CompressionRow> = {
  about: "08's permessage-deflate against ws's: wire bytes, msg/s, memory per connection",
  settings: {
    full: { messages: 5000, connections: 200, setups: compressionSetups },
    quick: { messages: 20, connections: 3, setups: compressionSetups.slice(0, 2) },
  },
  steps: compressionSteps,
  run: runCompressionBench,
  table: (rows) => ({
    header: ['payload', 'setting', 'server', 'message B', 'wire B/msg', 'msg/s', 'KiB/conn'],
    rows: rows.map((r) => [
      r.payload,
      r.setup,
      r.server,
      whole(r.messageBytes),
      whole(r.wireBytesPerMessage),
      whole(r.messagesPerSecond),
      fixed(1)(r.kibPerConnection),
    ]),
  }),
  charts: compressionCharts,
};
