import type { Server } from 'node:net';
import { boundPort } from './address.ts';

/**
 * `server.listen` as a promise: resolves with the port the OS really gave (PORT=0
 * asks for any free one) or rejects with the error, such as EADDRINUSE, instead
 * of emitting it as an event nobody listens to.
 */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(boundPort(server.address()));
    });
  });
}
