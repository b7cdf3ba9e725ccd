// `pnpm lesson frames annotate 81 8e …`: annotates frames given as hex on the
// command line, or piped in (`… | pnpm lesson frames annotate`) as hex text or
// as the frames' own bytes. ROLE=server also says whether a server would
// accept them.
import { buffer } from 'node:stream/consumers';
import { runMain } from '@sockets/shared';
import { annotateFrames, bytesFromInput, parseHex } from '../src/annotate.ts';
import { annotateOptionsFromEnv } from '../src/options.ts';

await runMain('frames', async (log) => {
  const { role } = annotateOptionsFromEnv(process.env);
  const args = process.argv.slice(2);
  let bytes: Buffer;
  if (args.length > 0) {
    bytes = parseHex(args.join(' '));
  } else {
    if (process.stdin.isTTY)
      log.info('type or paste hex bytes, then Ctrl+D (Windows: Ctrl+Z, Enter)');
    const input = bytesFromInput(await buffer(process.stdin));
    if (input.raw) log.info('the input is not hex text: reading it as the bytes themselves');
    bytes = input.bytes;
  }
  process.stdout.write(`${annotateFrames(bytes, role).join('\n')}\n`);
  return undefined;
});
