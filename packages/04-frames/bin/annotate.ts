// `pnpm lesson frames annotate 81 8e …`: annotates frames given as hex, on the
// command line or on stdin (`… | pnpm lesson frames annotate`). ROLE=server
// also says whether a server would accept them.
import { text } from 'node:stream/consumers';
import { runMain } from '@sockets/shared';
import { annotateFrames, parseHex } from '../src/annotate.ts';
import { annotateOptionsFromEnv } from '../src/options.ts';

await runMain('frames', async (log) => {
  const { role } = annotateOptionsFromEnv(process.env);
  const args = process.argv.slice(2);
  if (args.length === 0 && process.stdin.isTTY) log.info('type or paste hex bytes, then Ctrl+D');
  const input = args.length > 0 ? args.join(' ') : await text(process.stdin);
  process.stdout.write(`${annotateFrames(parseHex(input), role).join('\n')}\n`);
  return undefined;
});
