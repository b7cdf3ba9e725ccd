import { applyMask, encodeFrame, Opcode, Receiver } from '@sockets/frames';
import { wsBufferUtil, wsInternals } from '@sockets/testkit/ws-internals';
import { type Bench, fixed, whole } from './bench.ts';
import { measureRate, type Rate } from './measure.ts';
import type { Progress } from './progress.ts';

// `pnpm bench frames`: 04-frames against ws's own framing layer, in one
// process, on the same inputs, to find where ours is slower and why. Each
// operation is what a server does for every message it echoes:
//   parse   masked client frames arriving in 64 KiB socket chunks
//   encode  an unmasked server frame around a payload
//   mask    a client frame: copy and mask the payload with a fresh key
//   unmask  XOR a payload in place (what parse spends its time on for big frames)

export interface FramesRow {
  operation: string;
  size: string;
  unit: string;
  ours: number;
  ws: number;
  /** ours ÷ ws: above 1 ours is faster */
  ratio: number;
}

export interface FramesSettings {
  budgetMs: number;
  rounds: number;
}

const sizes = [
  { label: '64 B', bytes: 64 },
  { label: '16 KiB', bytes: 16 * 1024 },
  { label: '1 MiB', bytes: 1024 * 1024 },
];
const socketChunkBytes = 64 * 1024;

type Measure = (step: () => number) => Rate;
const streamBytes = 4 * 1024 * 1024;

/** Client frames back to back, as a socket would deliver them: about 4 MiB of them. */
function maskedStream(payloadBytes: number): { stream: Buffer; frames: number } {
  const frames = Math.max(2, Math.ceil(streamBytes / payloadBytes));
  const payload = Buffer.alloc(payloadBytes, 0x61);
  const stream = Buffer.concat(
    Array.from({ length: frames }, () =>
      encodeFrame(Opcode.binary, payload, { mask: true }),
    ).flat(),
  );
  return { stream, frames };
}

/** Feeds a fresh copy of the stream (both receivers unmask in place) in socket-sized chunks. */
function feed(stream: Buffer, push: (chunk: Buffer) => void): void {
  const copy = Buffer.from(stream);
  for (let offset = 0; offset < copy.length; offset += socketChunkBytes) {
    push(copy.subarray(offset, offset + socketChunkBytes));
  }
}

function parseRates(payloadBytes: number, measure: Measure) {
  const { stream, frames } = maskedStream(payloadBytes);
  const ours = new Receiver({ role: 'server', maxMessageBytes: 2 * payloadBytes + 1024 });
  let oursMessages = 0;
  const oursStep = () => {
    const before = oursMessages;
    feed(stream, (chunk) => {
      oursMessages += ours.push(chunk).length;
    });
    return oursMessages - before;
  };
  const ws = new wsInternals.Receiver({ isServer: true, maxPayload: 0 });
  let wsMessages = 0;
  ws.on('message', () => {
    wsMessages += 1;
  });
  const wsStep = () => {
    const before = wsMessages;
    feed(stream, (chunk) => ws.write(chunk));
    return wsMessages - before;
  };
  // Both must really parse every frame, or the comparison means nothing.
  if (oursStep() !== frames || wsStep() !== frames) {
    throw new Error(`a receiver lost frames of ${payloadBytes} bytes`);
  }
  return { ours: measure(oursStep), ws: measure(wsStep) };
}

function encodeRates(payloadBytes: number, mask: boolean, measure: Measure) {
  const payload = Buffer.alloc(payloadBytes, 0x61);
  const wsOptions = { fin: true, mask, opcode: Opcode.binary, readOnly: true, rsv1: false };
  return {
    ours: measure(() => (encodeFrame(Opcode.binary, payload, { mask }).length > 0 ? 1 : 0)),
    ws: measure(() => (wsInternals.Sender.frame(payload, wsOptions).length > 0 ? 1 : 0)),
  };
}

function unmaskRates(payloadBytes: number, measure: Measure) {
  const payload = Buffer.alloc(payloadBytes, 0x61);
  const key = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  return {
    ours: measure(() => {
      applyMask(payload, key);
      return payloadBytes;
    }),
    ws: measure(() => {
      wsBufferUtil.unmask(payload, key);
      return payloadBytes;
    }),
  };
}

const operations = [
  { name: 'parse', unit: 'msg/s', rates: parseRates },
  {
    name: 'encode',
    unit: 'frames/s',
    rates: (n: number, m: Measure) => encodeRates(n, false, m),
  },
  { name: 'mask', unit: 'frames/s', rates: (n: number, m: Measure) => encodeRates(n, true, m) },
  { name: 'unmask', unit: 'MB/s', rates: unmaskRates },
];

function runFramesBench({ budgetMs, rounds }: FramesSettings, progress: Progress): FramesRow[] {
  const rows: FramesRow[] = [];
  for (const operation of operations) {
    for (const size of sizes) {
      progress.update(rows.length, `${operation.name} ${size.label}`);
      const { ours, ws } = operation.rates(size.bytes, (step) =>
        measureRate(step, budgetMs, rounds),
      );
      const scale = operation.unit === 'MB/s' ? 1e-6 : 1;
      rows.push({
        operation: operation.name,
        size: size.label,
        unit: operation.unit,
        ours: ours.perSecond * scale,
        ws: ws.perSecond * scale,
        ratio: ours.perSecond / ws.perSecond,
      });
    }
  }
  return rows;
}

function framesCharts(rows: FramesRow[]) {
  const chart = (operation: string, title: string) => {
    const picked = rows.filter((row) => row.operation === operation);
    return {
      title,
      unit: picked[0]?.unit ?? '',
      series: ['ours', 'ws'],
      groups: picked.map((row) => ({ label: row.size, values: { ours: row.ours, ws: row.ws } })),
    };
  };
  return {
    parse: chart('parse', 'Parsing masked client frames (64 KiB socket chunks)'),
    encode: chart('encode', 'Encoding an unmasked server frame'),
    mask: chart('mask', 'Encoding a masked client frame'),
    unmask: chart('unmask', 'Unmasking a payload in place'),
  };
}

export const framesBench: Bench<FramesSettings, FramesRow> = {
  about: "04-frames' parser, encoder and masking against ws's, in one process",
  settings: { full: { budgetMs: 300, rounds: 5 }, quick: { budgetMs: 5, rounds: 1 } },
  steps: () => operations.length * sizes.length,
  run: runFramesBench,
  table: (rows) => ({
    header: ['operation', 'size', 'unit', 'ours', 'ws', 'ours/ws'],
    rows: rows.map((r) => [
      r.operation,
      r.size,
      r.unit,
      whole(r.ours),
      whole(r.ws),
      fixed(2)(r.ratio),
    ]),
  }),
  charts: framesCharts,
};
