// RFC 6455 §5.2: the opcode is the low 4 bits of a frame's first byte and says
// how to read the payload. 0x0-0x2 carry data, 0x8-0xA control the connection;
// the rest are reserved for future use, so a peer that sends one is broken.

// #region opcodes
export const Opcode = {
  /** §5.4: the next piece of a fragmented text or binary message */
  continuation: 0x0,
  /** UTF-8 text (§5.6) */
  text: 0x1,
  /** arbitrary bytes */
  binary: 0x2,
  /** §5.5.1: the closing handshake, with an optional code and reason */
  close: 0x8,
  /** §5.5.2: "are you there?"; the peer answers with a pong carrying the same bytes */
  ping: 0x9,
  /** §5.5.3: the answer to a ping (or an unsolicited heartbeat) */
  pong: 0xa,
} as const;

export type Opcode = (typeof Opcode)[keyof typeof Opcode];

/** §5.5: control frames are the opcodes with the high bit set (0x8-0xF). */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}
// #endregion opcodes

const names = new Map<number, string>(Object.entries(Opcode).map(([name, code]) => [code, name]));

/** The opcode's name for logs and the annotator: `text`, `ping`, `reserved control 0xb` … */
export function opcodeName(opcode: number): string {
  const hex = `0x${opcode.toString(16)}`;
  return names.get(opcode) ?? `reserved ${isControlOpcode(opcode) ? 'control' : 'data'} ${hex}`;
}

export function isKnownOpcode(opcode: number): boolean {
  return names.has(opcode);
}
