// `pnpm lesson frames demo`: seed 001's `hello, server!` as a client frame and as
// the server's echo, annotated byte by byte. TEXT='…' frames another message.
import { runMain } from '@sockets/shared';
import { demo } from '../src/demo.ts';
import { demoOptionsFromEnv } from '../src/options.ts';

await runMain('frames', async () => {
  process.stdout.write(`${demo(demoOptionsFromEnv(process.env)).join('\n')}\n`);
  return undefined;
});
