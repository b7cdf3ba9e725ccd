import { once } from 'node:events';
import type { Socket } from 'node:net';
import { encode } from '@sockets/chat';
import { encodeFrame, Opcode } from '@sockets/frames';
import { clientHandshake } from '@sockets/handshake';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Bench, fixed } from './bench.ts';
import type { Progress } from './progress.ts';
import { median } from './stats.ts';

// `pnpm bench backlog`: what it costs the server to send a client the
// messages that piled up in its queue while its socket was backed up, written
// three ways:
//   one write each  one ws.send per message, each its own system call
//   corked          the same frames, all of a client's sends between cork()
//                   and uncork(), so they leave in one writev system call (as
//                   lesson 07's Client does in onFlushed)
//   joined          gorilla's chat example: the queued messages joined with
//                   newlines into one frame (one message for the client, too)
// Every client gets the same queue of real chat events (lesson 07's encode).
// The clients are raw sockets in this process that only count bytes; on
// loopback the kernel does their receiving inside the server's write, so the
// CPU time of the send loop is what a server on its own machine would pay.

type BacklogWay = 'one write each' | 'corked' | 'joined';
const backlogWays: BacklogWay[] = ['one write each', 'corked', 'joined'];

export interface BacklogSettings {
  clients: number;
  queueLengths: number[];
  rounds: number;
}

export interface BacklogRow {
  queued: number;
  way: BacklogWay;
  /** server CPU (user + system) per queued message, median of the rounds */
  cpuMicrosPerMessage: number;
  /** frames each client must parse for the whole queue */
  framesPerClient: number;
}

const newline = Buffer.from('\n');

/** gorilla's one frame for a whole queue: the messages, a newline between them. */
const joinQueue = (queue: Buffer[]) =>
  Buffer.concat(queue.flatMap((message, i) => (i ? [newline, message] : [message])));

/** The bytes a server's text frame around `payload` takes on the wire (lesson 04's encoder). */
const frameBytes = (payload: Buffer) =>
  encodeFrame(Opcode.text, payload).reduce((sum, part) => sum + part.length, 0);

/** What each client reads when `queue` is sent the given way. */
function bytesPerClient(queue: Buffer[], way: BacklogWay): number {
  if (way === 'joined') return frameBytes(joinQueue(queue));
  return queue.reduce((sum, message) => sum + frameBytes(message), 0);
}

/**
 * The server's side of one client: ws's WebSocket, and the TCP socket under
 * it, which is the upgrade request's socket (ws writes its frames there).
 */
interface ServerSide {
  webSocket: WebSocket;
  socket: Socket;
}

/** Writes `queue` to every client the given way. */
function sendQueue(clients: ServerSide[], queue: Buffer[], way: BacklogWay): void {
  for (const { webSocket, socket } of clients) {
    if (way === 'joined') {
      // gorilla copies each queued message into the one frame it is writing.
      webSocket.send(joinQueue(queue), { binary: false });
    } else if (way === 'corked') {
      socket.cork();
      for (const message of queue) webSocket.send(message, { binary: false });
      socket.uncork();
    } else {
      for (const message of queue) webSocket.send(message, { binary: false });
    }
  }
}

async function connectClients(count: number) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const serverSides: ServerSide[] = [];
  server.on('connection', (webSocket, request) =>
    serverSides.push({ webSocket, socket: request.socket }),
  );
  let bytesRead = 0;
  let waiter: { bytes: number; resolve: () => void } | undefined;
  const readers: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const { socket } = await clientHandshake(`ws://127.0.0.1:${port}/`);
    socket.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      if (waiter !== undefined && bytesRead >= waiter.bytes) waiter.resolve();
    });
    readers.push(socket);
  }
  while (serverSides.length < count) await once(server, 'connection');
  /** Resolves once the readers have read `bytes` more than they had so far. */
  const readAnother = (bytes: number) =>
    new Promise<void>((resolve) => {
      waiter = { bytes: bytesRead + bytes, resolve };
    });
  const close = async () => {
    for (const socket of readers) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { serverSides, readAnother, close };
}

/** One round: the CPU time, in µs, of sending the whole queue to every client. */
async function timeRound(
  clients: Awaited<ReturnType<typeof connectClients>>,
  queue: Buffer[],
  way: BacklogWay,
): Promise<number> {
  const before = process.cpuUsage();
  sendQueue(clients.serverSides, queue, way);
  const used = process.cpuUsage(before);
  // Not timed: the readers drain their sockets before the next round.
  await clients.readAnother(bytesPerClient(queue, way) * clients.serverSides.length);
  return used.user + used.system;
}

async function runBacklogBench(
  settings: BacklogSettings,
  progress: Progress,
): Promise<BacklogRow[]> {
  const message = encode({
    type: 'message',
    from: 'bench-sender',
    text: 'x'.repeat(100),
    at: Date.now(),
    online: settings.clients,
  });
  const clients = await connectClients(settings.clients);
  const rows: BacklogRow[] = [];
  try {
    for (const queued of settings.queueLengths) {
      const queue = Array.from({ length: queued }, () => message);
      const samples = new Map<BacklogWay, number[]>(backlogWays.map((way) => [way, []]));
      // A warm-up round of each, then the ways take turns, so that a slow
      // moment of the machine spreads over all three.
      for (const way of backlogWays) await timeRound(clients, queue, way);
      for (let round = 0; round < settings.rounds; round++) {
        progress.update(rows.length, `${queued} queued: round ${round + 1}/${settings.rounds}`);
        for (const way of backlogWays) {
          samples.get(way)!.push(await timeRound(clients, queue, way));
        }
      }
      for (const way of backlogWays) {
        rows.push({
          queued,
          way,
          cpuMicrosPerMessage: median(samples.get(way)!) / (queued * settings.clients),
          framesPerClient: way === 'joined' ? 1 : queued,
        });
      }
    }
  } finally {
    await clients.close();
  }
  return rows;
}

function backlogCharts(rows: BacklogRow[]) {
  return {
    cpu: {
      title: 'Server CPU per queued message, sent to a backed-up client',
      unit: 'µs',
      series: backlogWays,
      groups: [...new Set(rows.map((row) => row.queued))].map((queued) => ({
        label: `${queued} queued`,
        values: Object.fromEntries(
          rows.filter((r) => r.queued === queued).map((r) => [r.way, r.cpuMicrosPerMessage]),
        ),
      })),
    },
  };
}

export const backlogBench: Bench<BacklogSettings, BacklogRow> = {
  about: 'three ways to send a backed-up chat client its queue',
  settings: {
    full: { clients: 1000, queueLengths: [4, 32, 128], rounds: 7 },
    quick: { clients: 20, queueLengths: [4], rounds: 1 },
  },
  steps: (settings) => settings.queueLengths.length * backlogWays.length,
  run: runBacklogBench,
  table: (rows) => ({
    header: ['queued', 'way', 'server CPU per message', 'frames per client'],
    rows: rows.map((r) => [
      r.queued,
      r.way,
      `${fixed(2)(r.cpuMicrosPerMessage)} µs`,
      r.framesPerClient,
    ]),
  }),
  charts: backlogCharts,
};
