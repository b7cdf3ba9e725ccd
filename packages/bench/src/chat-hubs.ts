import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type BroadcastEncoding, WS_PATH } from '@sockets/chat';
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

/** A workspace package's folder (its `main` is `src/index.ts`), where tsx finds its `bin/`. */
export const packageDir = (name: string) =>
  dirname(dirname(createRequire(import.meta.url).resolve(name)));

/**
 * Lesson 07's folder, or CHAT_DIR: another checkout's lesson 07 (an older
 * commit, a workshop's changes) measured as "ours" against the same load.
 */
const chatDir = process.env.CHAT_DIR ? resolve(process.env.CHAT_DIR) : packageDir('@sockets/chat');
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
export function startHub(hub: ChatHub, options: HubOptions): Promise<RunningHub> {
  const env = { PORT: '0', HOST: '127.0.0.1' };
  const encoding = encodings[hub];
  if (encoding !== undefined) {
    // `pnpm server` of lesson 07, run with node's own flags: --cpu-prof is not
    // allowed in NODE_OPTIONS.
    const profile = options.cpuProfileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
      : [];
    return startPinned([process.execPath, ...profile, '--import', 'tsx', 'bin/server.ts'], {
      ...env,
      BROADCAST_ENCODING: encoding,
      MAX_MESSAGE_BYTES: '512',
      LOG_LEVEL: 'info',
    });
  }
  if (options.goHub === undefined) throw new Error(`${hub} needs the built go/hub`);
  return startPinned([options.goHub], { ...env, WRITE_MODE: goWriteModes[hub]! });
}

/**
 * Runs a hub on the server's CPU (from lesson 07's folder, where tsx finds
 * its files) and waits for its ready line, `listening on <url>`, which ours
 * and go/hub print alike. `stop()` is Ctrl+C: both exit 0, and node writes
 * its CPU profile on the way out.
 */
async function startPinned(command: string[], env: Record<string, string>): Promise<RunningHub> {
  const child = spawn('taskset', ['-c', String(serverCpu), ...command], {
    cwd: chatDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(/listening on (\S+)/);
      if (match) resolve(match[1]!);
    });
    exited.then(([code]) =>
      reject(new Error(`${command.at(-1)} exited (${code}) before listening`)),
    );
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
