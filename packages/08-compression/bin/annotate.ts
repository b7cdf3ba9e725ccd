// `pnpm lesson compression annotate c1 07 f2 48 cd c9 c9 07 00`: lesson 04's
// annotator with permessage-deflate agreed (15-bit windows, context kept):
// RSV1 is allowed and each compressed frame is shown inflated, in order, so a
// frame that points back into an earlier one (RFC 7692 §7.2.3.2) reads too.
// ROLE=server reads frames from a client (masked), as lesson 04's does.
import { annotateFrames, annotateOptionsFromEnv, parseHex } from '@sockets/frames';
import { runMain } from '@sockets/shared';
import { PerMessageDeflate } from '../src/index.ts';

await runMain('compression', async () => {
  const { role } = annotateOptionsFromEnv(process.env);
  const agreement = {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 15,
    clientMaxWindowBits: 15,
  };
  // Without ROLE the frames are a server's, as the RFC's examples are: a client reads them.
  const extension = new PerMessageDeflate(agreement, role ?? 'client', 0);
  const bytes = parseHex(process.argv.slice(2).join(' '));
  process.stdout.write(`${annotateFrames(bytes, role, extension).join('\n')}\n`);
  return undefined;
});
