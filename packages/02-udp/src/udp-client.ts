import { createSocket } from 'node:dgram';
import { createLogger, explainError, formatUrl } from '@sockets/shared';
import { closer, connect } from './dgram-promises.ts';
import { clientDefaults, type UdpClientOptions } from './options.ts';
import { preview } from './preview.ts';
import { socketTypeFor } from './socket-type.ts';

export interface UdpClient {
  /** `udp://localhost:7001`: where the requests go. */
  readonly url: string;
  /**
   * Send `payload` and resolve with its echo, sending it again after each
   * timeout. One request at a time: await one before you send the next.
   */
  request(payload: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

/** Every try timed out: the datagrams or their replies were lost, or nobody is there. */
export class NoReplyError extends Error {
  override readonly name = 'NoReplyError';
  constructor(
    readonly url: string,
    readonly tries: number,
    readonly readTimeoutMs: number,
  ) {
    super(
      `no reply from ${url} after ${tries} tries, ${readTimeoutMs} ms each. UDP cannot tell a lost datagram from a missing server: check that the server runs, or raise READ_TIMEOUT_MS or RETRIES.`,
    );
  }
}

/** The try that is waiting for its reply, if any. */
interface Waiting {
  payload: Buffer;
  settle(outcome: Buffer | Error | undefined): void;
}

/** A UDP socket "connected" to one server, as seed 000's client does with DialUDP. */
export async function openUdpClient(options: UdpClientOptions = {}): Promise<UdpClient> {
  const { host, port, readTimeoutMs, retries } = { ...clientDefaults, ...options };
  const log = options.log ?? createLogger('udp-client');
  const url = formatUrl('udp', host, port);
  const socket = createSocket(socketTypeFor(host));
  const close = closer(socket);
  await connect(socket, port, host).catch(async (error: unknown) => {
    await close();
    throw error;
  });

  // Node's errors on a connected UDP socket name no peer: say which one.
  const withPeer = (error: Error) => Object.assign(error, { address: host, port });

  // #region replies
  let waiting: Waiting | undefined;
  // The reply to a try is the echo of what it sent. Anything else is a late
  // echo of an earlier message (it was slow, not lost, and we moved on).
  socket.on('message', (data) => {
    if (waiting?.payload.equals(data)) return waiting.settle(data);
    log.warn(`ignored a datagram that answers no waiting request: ${preview(data)}`);
  });
  // On Linux a connected UDP socket learns from an ICMP "port unreachable"
  // that nothing listens there, and reports ECONNREFUSED. Nothing promises that
  // ICMP message will come (firewalls drop it), hence the timeout as well.
  socket.on('error', (error) => {
    if (waiting !== undefined) return waiting.settle(withPeer(error));
    log.warn(explainError(withPeer(error)));
  });
  // #endregion replies

  // #region try-once
  // One try: wait for the reply first, so that even a very quick one cannot
  // slip past, then send. Resolves with the reply, or with undefined once
  // READ_TIMEOUT_MS has passed without one.
  const tryOnce = (payload: Buffer, attempt: string) =>
    new Promise<Buffer | undefined>((resolve, reject) => {
      const thisTry: Waiting = {
        payload,
        settle(outcome) {
          if (waiting !== thisTry) return;
          waiting = undefined;
          clearTimeout(timer);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        },
      };
      waiting = thisTry;
      const timer = setTimeout(() => thisTry.settle(undefined), readTimeoutMs);
      socket.send(payload, (error) => {
        if (error) return thisTry.settle(withPeer(error));
        log.info(`sent ${payload.length} bytes to ${url} (${attempt})`);
      });
    });
  // #endregion try-once

  // #region request
  // Seed 000 reads with no deadline: one lost datagram, and it waits forever.
  // Here each try waits READ_TIMEOUT_MS, and after RETRIES more we give up. A
  // failed send (EMSGSIZE, ECONNREFUSED) would fail again, so it is not retried.
  const request = async (payload: Buffer): Promise<Buffer> => {
    if (waiting !== undefined) throw new Error('one request at a time: await the previous one');
    const tries = retries + 1;
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      const reply = await tryOnce(payload, `try ${attempt} of ${tries}`);
      if (reply !== undefined) return reply;
      log.warn(`no reply within ${readTimeoutMs} ms`);
    }
    throw new NoReplyError(url, tries, readTimeoutMs);
  };
  // #endregion request

  return { url, request, close };
}
