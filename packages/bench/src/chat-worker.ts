import { Connection } from '@sockets/echo';
import { receiverDefaults } from '@sockets/frames';
import { clientHandshake } from '@sockets/handshake';
import { createLogger } from '@sockets/shared';
import { benchStamps, epochNow, type FromWorker, type ToWorker } from './chat-protocol.ts';
import { LatencyHistogram } from './histogram.ts';

// One load-generator process of `bench chat`: it opens its share of the chat
// clients and reports what arrived: how many of the sender's messages,
// whether in order, how late, and how many clients the server closed. The
// parent talks to it over IPC (chat-protocol.ts).
//
// The clients are our own protocol code: lesson 03's handshake and lesson
// 05's Connection (which answers the hub's pings). A ws client costs about
// twice as much CPU per message (a stream and an event per message), and the
// load generator must cost less than the server it measures: all the
// workers share one core. For the same reason each message is searched for
// the sender's text instead of going through JSON.parse.

const connectBatch = 250;
const log = createLogger('bench-client');
const connections: Connection[] = [];
/** per client: the sequence number its next message should carry, or -1 before the first */
let expectedSeq = new Int32Array(0);
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

function onMessage(client: number, data: Buffer): void {
  for (const bench of benchStamps(data)) {
    lastArrivalAt = epochNow();
    histogram.record(lastArrivalAt - bench.sentAt);
    if (expectedSeq[client] !== -1 && bench.seq !== expectedSeq[client]) outOfOrder += 1;
    expectedSeq[client] = bench.seq + 1;
    received += 1;
    if (received === target) report();
  }
}

async function open(url: string, client: number): Promise<void> {
  const { socket, head } = await clientHandshake(url);
  const connection = new Connection(socket, head, {
    role: 'client',
    name: `client ${client}`,
    maxMessageBytes: receiverDefaults.maxMessageBytes,
    idleTimeoutMs: 0,
    closeTimeoutMs: 1000,
    log,
    onMessage: (_connection, _type, data) => onMessage(client, data),
  });
  connection.closed.then(() => {
    if (!closing) closedByServer += 1;
  });
  connections.push(connection);
}

process.on('message', async (message: ToWorker) => {
  switch (message.type) {
    case 'connect':
      // In batches: thousands of simultaneous handshakes overflow the listen backlog.
      for (let opened = 0; opened < message.clients; opened += connectBatch) {
        const batch = Math.min(connectBatch, message.clients - opened);
        await Promise.all(Array.from({ length: batch }, (_, i) => open(message.url, opened + i)));
      }
      expectedSeq = new Int32Array(connections.length);
      send({ type: 'connected', clients: connections.length });
      break;
    case 'expect':
      // Each phase numbers its messages from 0 again.
      histogram = new LatencyHistogram();
      received = 0;
      outOfOrder = 0;
      expectedSeq.fill(-1);
      target = message.messages * connections.length;
      send({ type: 'expecting' });
      break;
    case 'report':
      report();
      break;
    case 'close':
      closing = true;
      process.exit(0);
  }
});
