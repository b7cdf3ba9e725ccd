import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compressionSetups, startServer } from './compression-bench.ts';

// The server side of `pnpm bench compression`, in a process of its own, so
// that the memory a connection costs is the server's alone: the ws clients
// that load it live in the bench's process. Started with fork(); it answers
// the bench over the IPC channel:
//   → { url }               once it listens
//   'memory' → { heldBytes } after a full garbage collection
//   'close'                 closes the server and exits

/** A full garbage collection, so that memory figures are what is really held. */
const collectGarbage = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function heldBytes(): number {
  collectGarbage();
  const { heapUsed, external, arrayBuffers } = process.memoryUsage();
  return heapUsed + external + arrayBuffers;
}

const [server, setupName] = process.argv.slice(2);
const setup = compressionSetups.find((candidate) => candidate.name === setupName);
if ((server !== 'ours' && server !== 'ws') || setup === undefined || process.send === undefined) {
  throw new Error(
    `usage: fork compression-server.ts <ours|ws> <setup name>, got ${server} ${setupName}`,
  );
}
const send = process.send.bind(process);
const running = await startServer(server, setup);
process.on('message', async (message) => {
  if (message === 'memory') send({ heldBytes: heldBytes() });
  if (message === 'close') {
    await running.close();
    process.exit(0);
  }
});
send({ url: running.url });
