import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { connectTo, requestText, startTestHandshakeServer, withHeader } from './helpers.ts';

const track = useCleanup();

describe("the handshake server's log", () => {
  it('quotes what the peer sent, so a header value cannot reach the terminal as a command', async () => {
    const server = await startTestHandshakeServer(track);
    const socket = await connectTo(Number(new URL(server.url).port));
    track(() => socket.destroy());
    // Byte 0x9B is C1 "CSI", ESC [ in one byte for some terminals. HTTP lets a
    // header value hold bytes above 0x7F (RFC 7230 §3.2.6: obs-text), so the
    // parser accepts it and it reaches the log.
    const fields = [...withHeader('Origin', undefined), ['X-Note', 'x\x9b2Jy'] as const];
    socket.write(Buffer.from(requestText(fields), 'latin1'));
    await server.waitForLine(/X-Note: /);
    expect(server.lines).toContain('[handshake]   X-Note: "x\\u009b2Jy"');
    expect(server.lines).toContain('[handshake]   GET "/chat" HTTP/1.1');
  });
});
