import WebSocket from 'ws';
import { epochNow, type FromWorker, parseBenchText, type ToWorker } from './chat-protocol.ts';
import { LatencyHistogram } from './histogram.ts';

// One load-generator process of `bench chat`: it opens its share of the chat
// clients, reads everything they receive as a browser would (every message
// parsed as JSON), and reports what arrived: how many of the sender's
// messages, whether in order, how late, and how many clients the server
// closed. The parent talks to it over IPC (chat-protocol.ts).

const connectBatch = 250;
const sockets: WebSocket[] = [];
let histogram = new LatencyHistogram();
let received = 0;
let outOfOrder = 0;
let closedByServer = 0;
let lastArrivalAt = 0;
let target = Number.POSITIVE_INFINITY;
let closing = false;

const send = (message: FromWorker) => process.send?.(message);
const report = () =>
  send({
    type: 'report',
    received,
    outOfOrder,
    closedByServer,
    lastArrivalAt,
    latency: histogram.toSparse(),
  });

function open(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    let expectedSeq = -1;
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString()) as { type: string; text?: string };
      if (event.type !== 'message' || event.text === undefined) return;
      const bench = parseBenchText(event.text);
      if (bench === undefined) return;
      lastArrivalAt = epochNow();
      histogram.record(lastArrivalAt - bench.sentAt);
      if (expectedSeq !== -1 && bench.seq !== expectedSeq) outOfOrder += 1;
      expectedSeq = bench.seq + 1;
      received += 1;
      if (received === target) report();
    });
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.on('close', () => {
      if (!closing) closedByServer += 1;
    });
    sockets.push(socket);
  });
}

process.on('message', async (message: ToWorker) => {
  switch (message.type) {
    case 'connect':
      // In batches: thousands of simultaneous handshakes overflow the listen backlog.
      for (let opened = 0; opened < message.clients; opened += connectBatch) {
        const batch = Math.min(connectBatch, message.clients - opened);
        await Promise.all(Array.from({ length: batch }, () => open(message.url)));
      }
      send({ type: 'connected', clients: sockets.length });
      break;
    case 'expect':
      histogram = new LatencyHistogram();
      received = 0;
      outOfOrder = 0;
      target = message.messages * sockets.length;
      send({ type: 'expecting' });
      break;
    case 'report':
      report();
      break;
    case 'close':
      closing = true;
      for (const socket of sockets) socket.terminate();
      process.exit(0);
  }
});
