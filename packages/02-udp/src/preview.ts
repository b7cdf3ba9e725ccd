import { quote } from '@sockets/shared';

/** How long a datagram's text may be in a log line before it is cut. */
const PREVIEW_LENGTH = 60;

/**
 * A datagram's text for a log line: quoted and escaped, so that control bytes
 * from a client cannot rewrite the server's terminal, and cut short, so that a
 * 64 KiB datagram stays one readable line.
 */
export function preview(data: Buffer): string {
  const text = data.toString('utf8');
  return text.length <= PREVIEW_LENGTH ? quote(text) : `${quote(text.slice(0, PREVIEW_LENGTH))}…`;
}
