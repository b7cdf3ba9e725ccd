import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { type BroadcastEncoding, WS_PATH } from '@sockets/chat';
import { startScript } from '@sockets/testkit/script';
import { serverCpu } from './pin.ts';

// The chat hubs `pnpm bench chat` compares, each started in a process of its
// own on the server's CPU:
//   ours             lesson 07's server, each message encoded and framed once
//   ours per-client  lesson 07 encoding and framing it again for every client
//   Go seed          go/hub with seed 004's writes: one frame per message
//   Go coalescing    go/hub with gorilla's example's writes: everything queued
//                    in one frame, joined by newlines

export const chatHubs = ['ours', 'ours per-client', 'Go seed', 'Go coalescing'] as const;
export type ChatHub = (typeof chatHubs)[number];

const chatDir = dirname(dirname(createRequire(import.meta.url).resolve('@sockets/chat')));
const encodings: Partial<Record<ChatHub, BroadcastEncoding>> = {
  ours: 'once',
  'ours per-client': 'per-client',
};
const goWriteModes: Partial<Record<ChatHub, string>> = {
  'Go seed': 'seed',
  'Go coalescing': 'coalescing',
};

export const isGoHub = (hub: ChatHub) => hub in goWriteModes;

export interface RunningHub {
  /** the WebSocket address clients connect to */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** the built go/hub, for the Go hubs */
  goHub?: string;
  /** for our hubs: write a V8 CPU profile of the server into this folder when it stops */
  cpuProfileDir?: string;
}

const wsUrl = (readyUrl: string) => `ws://${new URL(readyUrl).host}${WS_PATH}`;

/** Starts a hub and resolves once it listens. */
export async function startHub(hub: ChatHub, options: HubOptions): Promise<RunningHub> {
  const env = { PORT: '0', HOST: '127.0.0.1' };
  const encoding = encodings[hub];
  if (encoding !== undefined) {
    const profile: Record<string, string> = options.cpuProfileDir
      ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.cpuProfileDir}` }
      : {};
    const server = startScript(
      chatDir,
      'bin/server.ts',
      {
        ...env,
        ...profile,
        BROADCAST_ENCODING: encoding,
        MAX_MESSAGE_BYTES: '512',
        LOG_LEVEL: 'info',
      },
      { cpu: serverCpu },
    );
    const url = wsUrl(await server.ready());
    return { url, pid: server.child.pid!, stop: async () => void (await server.stop()) };
  }
  if (options.goHub === undefined) throw new Error(`${hub} needs the built go/hub`);
  return startGoHub(options.goHub, { ...env, WRITE_MODE: goWriteModes[hub]! });
}

/** go/hub, pinned as our server is; it prints the same ready line. */
async function startGoHub(binary: string, env: Record<string, string>): Promise<RunningHub> {
  const child = spawn('taskset', ['-c', String(serverCpu), binary], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = line.match(/listening on (\S+)/);
      if (match) resolve(match[1]!);
    });
    exited.then(([code]) => reject(new Error(`go/hub exited (${code}) before listening`)));
  });
  return {
    url: wsUrl(await ready),
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
