// Tests need frames that break the rules, which our encoder refuses to make,
// so this builds any header bit by bit, as a hostile peer would.

export interface RawFrame {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  rsv?: number;
  /** a client's frame by default: masked with key 01 02 03 04 */
  mask?: boolean;
  /** force a length form, even a non-minimal one */
  lengthForm?: 7 | 16 | 64;
  /** announce this length whatever the payload is */
  declaredLength?: bigint;
}

const testKey = Buffer.from([1, 2, 3, 4]);

export function rawFrame(frame: RawFrame): Buffer {
  const { opcode, fin = true, rsv = 0, mask = true } = frame;
  const payload = Buffer.from(frame.payload ?? '');
  const length = frame.declaredLength ?? BigInt(payload.length);
  const form = frame.lengthForm ?? (length < 126n ? 7 : length < 65536n ? 16 : 64);
  const header = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (form === 7) header.push(maskBit | Number(length));
  if (form === 16) header.push(maskBit | 126, Number(length >> 8n), Number(length & 0xffn));
  if (form === 64) {
    header.push(maskBit | 127);
    for (let shift = 56n; shift >= 0n; shift -= 8n) header.push(Number((length >> shift) & 0xffn));
  }
  if (!mask) return Buffer.concat([Buffer.from(header), payload]);
  const masked = payload.map((byte, i) => byte ^ testKey[i & 3]!);
  return Buffer.concat([Buffer.from(header), testKey, masked]);
}

/** Splits bytes at the given offsets. */
export function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}
