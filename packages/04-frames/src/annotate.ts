import { describeCloseCode } from './close-codes.ts';
import { parseClosePayload } from './close-payload.ts';
import type { Role } from './events.ts';
import { type MessageExtension, RSV1 } from './extension.ts';
import { decodeHeader, type FrameHeader, headerLengthFrom } from './frame-header.ts';
import { checkHeader } from './header-rules.ts';
import { applyMask } from './mask.ts';
import { Opcode, opcodeName } from './opcodes.ts';
import { receiverDefaults } from './receiver.ts';

// A learner's wire view: each field of each frame with its bytes in hex and
// what they mean. It reads frames with the same functions as the receiver, so
// what it prints is what the receiver sees.

const HEX_COLUMN = 26;
const PAYLOAD_BYTES_SHOWN = 32;

function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

function bits(byte: number): string {
  const binary = byte.toString(2).padStart(8, '0');
  return `${binary.slice(0, 4)} ${binary.slice(4)}`;
}

/** `  81  1000 0001          FIN=1 …`: the bytes on the left, their meaning on the right. */
function line(bytes: string, meaning: string): string {
  return `  ${bytes.padEnd(HEX_COLUMN)}${meaning}`.trimEnd();
}

function payloadLines(payload: Buffer, label: string): string[] {
  const lines: string[] = [];
  const shown = payload.subarray(0, PAYLOAD_BYTES_SHOWN);
  for (let offset = 0; offset < shown.length; offset += 8) {
    lines.push(line(hex(shown.subarray(offset, offset + 8)), offset === 0 ? label : ''));
  }
  if (payload.length > shown.length)
    lines.push(line('…', `${payload.length - shown.length} more bytes`));
  return lines;
}

function lengthMeaning(header: FrameHeader): string {
  if (header.lengthForm === 7) return `length=${header.payloadLength} (7-bit form: 0-125)`;
  return `length=${header.lengthForm === 16 ? 126 : 127}: a ${header.lengthForm}-bit length follows`;
}

/** What the unmasked payload says, for the frame types that have a reading. */
function payloadMeaning(
  header: FrameHeader,
  payload: Buffer,
  extension?: MessageExtension,
): string[] {
  if ((header.rsv & RSV1) !== 0 && extension !== undefined) {
    // RFC 7692 §6: the whole message is compressed; a lone frame is a whole message.
    if (!header.fin) return ['compressed: inflated once the whole message is here'];
    const data = extension.decode(payload, receiverDefaults.maxMessageBytes);
    if (!Buffer.isBuffer(data)) return [`cannot inflate: ${data.reason}`];
    const inflated = `inflated: ${data.length} bytes`;
    if (header.opcode !== Opcode.text) return [inflated];
    return [inflated, `text: ${JSON.stringify(data.toString('utf8'))}`];
  }
  if (header.opcode === Opcode.text) return [`text: ${JSON.stringify(payload.toString('utf8'))}`];
  if (header.opcode !== Opcode.close) return [];
  const close = parseClosePayload(payload);
  if (close.kind === 'error') return [`invalid close body: ${close.reason}`];
  return [`close code ${describeCloseCode(close.code)}, reason ${JSON.stringify(close.reason)}`];
}

// #region annotate
/**
 * Annotates every frame in `bytes`. With a `role`, it also says whether that
 * side would accept each header ('server': frames from a client). With an
 * `extension` (lesson 08's permessage-deflate), RSV1 is allowed and a
 * compressed frame is shown inflated.
 */
export function annotateFrames(bytes: Buffer, role?: Role, extension?: MessageExtension): string[] {
  const lines: string[] = [];
  let offset = 0;
  for (let index = 1; offset < bytes.length; index++) {
    const rest = bytes.subarray(offset);
    const headerLength = rest.length < 2 ? 2 : headerLengthFrom(rest[1]!);
    if (rest.length < headerLength) {
      lines.push(`frame ${index}: incomplete header, ${rest.length} of ${headerLength} bytes`);
      break;
    }
    const header = decodeHeader(rest);
    if (header.kind === 'error') {
      lines.push(`frame ${index}: ${header.reason} → close ${describeCloseCode(header.closeCode)}`);
      break;
    }
    const frameLength = header.headerLength + header.payloadLength;
    const kind = `${header.masked ? 'masked' : 'unmasked'} ${opcodeName(header.opcode)} frame`;
    const sizes = `${header.headerLength} header + ${header.payloadLength} payload`;
    lines.push(`frame ${index}: ${kind}, ${frameLength} bytes (${sizes})`);

    const [first, second] = [rest[0]!, rest[1]!];
    const fin = header.fin ? 'FIN=1 (final)' : 'FIN=0 (more fragments follow)';
    const compressed = (header.rsv & RSV1) !== 0 && extension !== undefined ? ' (compressed)' : '';
    const rsv = `RSV=${header.rsv.toString(2).padStart(3, '0')}${compressed}`;
    const opcode = `opcode=0x${header.opcode.toString(16)} (${opcodeName(header.opcode)})`;
    lines.push(line(`${hex([first])}  ${bits(first)}`, `${fin} ${rsv} ${opcode}`));
    const mask = `MASK=${header.masked ? 1 : 0}`;
    lines.push(line(`${hex([second])}  ${bits(second)}`, `${mask} ${lengthMeaning(header)}`));
    const lengthEnd = header.headerLength - (header.masked ? 4 : 0);
    if (header.lengthForm !== 7) {
      const length = `payload length ${header.payloadLength} (${header.lengthForm}-bit form)`;
      lines.push(line(hex(rest.subarray(2, lengthEnd)), length));
    }
    if (header.maskKey !== undefined) lines.push(line(hex(header.maskKey), 'masking key'));

    const problem =
      role === undefined ? undefined : checkHeader(header, role, extension !== undefined);
    if (problem !== undefined) {
      lines.push(
        `  ✗ a ${role} fails the connection: close ${describeCloseCode(problem.closeCode)}, ${problem.reason}`,
      );
    }
    if (rest.length < frameLength) {
      lines.push(
        `  incomplete payload: ${rest.length - header.headerLength} of ${header.payloadLength} bytes`,
      );
      break;
    }
    const payload = Buffer.from(rest.subarray(header.headerLength, frameLength));
    if (header.maskKey === undefined) {
      lines.push(...payloadLines(payload, `payload (${payload.length} bytes)`));
    } else {
      lines.push(...payloadLines(payload, `payload, masked (${payload.length} bytes)`));
      applyMask(payload, header.maskKey);
      lines.push(...payloadLines(payload, 'payload, unmasked: byte i XOR key[i % 4]'));
    }
    lines.push(...payloadMeaning(header, payload, extension).map((meaning) => line('', meaning)));
    offset += frameLength;
  }
  return lines;
}
// #endregion annotate

/** Bytes from hex text such as `81 8e 37 fa` or `818e37fa` (a `0x` prefix is allowed). */
export function parseHex(text: string): Buffer {
  const digits = text.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) {
    throw new Error(`not hex bytes: "${text.trim()}" (write them as "81 8e 37 fa …")`);
  }
  return Buffer.from(digits, 'hex');
}

/**
 * The bytes piped to `annotate`: hex text (`81 8e 37 fa`, or what `xxd -p`
 * prints), or else the frames' own bytes, from a file or `nc`. No frame passes
 * for hex text: a first byte that is a hex digit, `x`, a space, `,` or `:` sets
 * reserved bits, and tab, newline and carriage return would be a fragmented
 * ping, a fragmented pong and opcode 0xD, all refused (RFC 6455 §5.2, §5.5).
 */
export function bytesFromInput(input: Buffer): { bytes: Buffer; raw: boolean } {
  const text = input.toString('latin1');
  if (/^[\s,:0-9a-fx]*$/i.test(text)) return { bytes: parseHex(text), raw: false };
  return { bytes: input, raw: true };
}
