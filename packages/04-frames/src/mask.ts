import { randomFillSync } from 'node:crypto';

// RFC 6455 §5.3: a client XORs every payload byte with one of the 4 key bytes,
// byte i with key[i % 4]. XOR is its own inverse, so the same function masks
// and unmasks. Masking is not encryption (the key travels in the clear right
// before the payload): it stops a malicious page from choosing the exact bytes
// a proxy sees, which could poison a proxy's cache (§10.3).

// #region mask
/** Below this size the setup of a 32-bit view costs more than it saves. */
const WORD_LOOP_THRESHOLD = 32;

/** x86 and ARM as Node runs them are little-endian; the check keeps big-endian machines right. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** XORs `data` with the 4-byte `key`, in place. */
export function applyMask(data: Uint8Array, key: Uint8Array): void {
  const length = data.length;
  if (length < WORD_LOOP_THRESHOLD) {
    for (let i = 0; i < length; i++) data[i] = data[i]! ^ key[i & 3]!;
    return;
  }
  // A Uint32Array view must start at a multiple of 4 in memory, and a Buffer
  // from a socket can start anywhere: do single bytes up to the first aligned one.
  const head = (4 - (data.byteOffset & 3)) & 3;
  for (let i = 0; i < head; i++) data[i] = data[i]! ^ key[i & 3]!;
  // Then 4 bytes per step: the key, rotated so its first byte meets data[head],
  // as one 32-bit number in the byte order the Uint32Array view reads memory in.
  const words = (length - head) >>> 2;
  const [k0, k1, k2, k3] = [
    key[head & 3]!,
    key[(head + 1) & 3]!,
    key[(head + 2) & 3]!,
    key[(head + 3) & 3]!,
  ];
  const key32 = LITTLE_ENDIAN
    ? (k0 | (k1 << 8) | (k2 << 16) | (k3 << 24)) >>> 0
    : ((k0 << 24) | (k1 << 16) | (k2 << 8) | k3) >>> 0;
  const view = new Uint32Array(data.buffer, data.byteOffset + head, words);
  for (let w = 0; w < words; w++) view[w] = view[w]! ^ key32;
  // Finally the 0-3 bytes left after the last whole word.
  for (let i = head + words * 4; i < length; i++) data[i] = data[i]! ^ key[i & 3]!;
}
// #endregion mask

// #region mask-key
// §5.3: the key MUST be "derived from a strong source of entropy" and fresh for
// every frame, so a page cannot predict it. One randomFillSync call fills keys
// for 2048 frames: far cheaper than a system call per frame.
const keyPool = Buffer.alloc(8192);
let keyPoolOffset = keyPool.length;

/** Writes a fresh key into `target` at `offset` (where a frame header keeps it). */
export function writeRandomMaskKey(target: Uint8Array, offset: number): void {
  if (keyPoolOffset === keyPool.length) {
    randomFillSync(keyPool);
    keyPoolOffset = 0;
  }
  for (let i = 0; i < 4; i++) target[offset + i] = keyPool[keyPoolOffset + i]!;
  keyPoolOffset += 4;
}
// #endregion mask-key
