import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { formatUrl, type Logger } from '@sockets/shared';
import { certificateFiles } from './cert.ts';

// A real nginx in front of the Node processes, as in production: it holds the
// certificate (TLS ends here), and passes each WebSocket to one of the
// upstream servers. It runs from a temporary folder with a config written for
// this run, as the current user, and stops when we do.

/** One line for a machine without nginx, every platform. */
export const installNginxHint =
  'no nginx found. Install it (Debian/Ubuntu: `sudo apt-get install nginx`, macOS: `brew install nginx`, Windows: use WSL) and run this again';

export interface NginxOptions {
  host: string;
  /** The https port nginx listens on; 0 picks a free one. */
  port: number;
  /** The Node processes, as `127.0.0.1:<port>`. */
  upstreams: string[];
  certDir: string;
  /** The nginx binary; empty: look for it (findNginx). */
  nginxPath: string;
  /** nginx's proxy_read_timeout (default 60 s): longer than the heartbeat's ping interval. */
  readTimeoutMs: number;
  log: Logger;
}

export interface Nginx {
  /** e.g. https://localhost:8444/ */
  url: string;
  port: number;
  /** Stops nginx and removes its folder. */
  stop(): Promise<void>;
}

/**
 * The nginx binary: `explicit` (NGINX=/path/to/nginx) when given, else the
 * first on the PATH or in /usr/sbin, where Debian puts it and where an
 * ordinary user's PATH does not look.
 */
export function findNginx(explicit = ''): string | undefined {
  if (explicit !== '') return existsSync(explicit) ? explicit : undefined;
  const folders = [
    ...(process.env.PATH ?? '').split(delimiter),
    '/usr/sbin',
    '/usr/local/sbin',
    '/opt/homebrew/bin',
  ];
  return folders.map((folder) => join(folder, 'nginx')).find((path) => existsSync(path));
}

// #region config
export function nginxConfig(prefix: string, port: number, options: NginxOptions): string {
  const { certPath, keyPath } = certificateFiles(options.certDir);
  const temp = (name: string) => `${name}_temp_path ${join(prefix, 'temp', name)};`;
  // Started by root, nginx runs its workers as "nobody", who may not read
  // our files; started by anyone else, it runs as them and ignores `user`.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : '';
  return `# Written by lesson 10 for one run; nginx reads it from ${prefix}.
daemon off;
pid ${join(prefix, 'nginx.pid')};
error_log stderr warn;
worker_processes 1;
${user}
events { worker_connections 1024; }

http {
  # No access log: it would record every URL, and whatever secret one carried.
  access_log off;
  ${temp('client_body')}
  ${temp('proxy')}
  ${temp('fastcgi')}
  ${temp('uwsgi')}
  ${temp('scgi')}

  # The Connection header a WebSocket handshake needs going on to Node:
  # "upgrade" when the browser asked for one, "close" otherwise.
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }

  # Two Node processes. ip_hash sends each visitor's address to the same one,
  # so that process alone counts its connections (MAX_CONNECTIONS_PER_IP); when
  # that one refuses the connection (it is restarting), nginx tries the other
  # (proxy_next_upstream's default, "error timeout"). max_fails=0: by default
  # one failure marks a server down for 10 s, but a restart takes a second,
  # and a process that is back should get visitors at once.
  upstream chat {
    ip_hash;
${options.upstreams.map((address) => `    server ${address} max_fails=0;`).join('\n')}
  }

  server {
    listen ${options.host === 'localhost' ? '127.0.0.1' : options.host}:${port} ssl;
    ssl_certificate ${certPath};
    ssl_certificate_key ${keyPath};

    location / {
      proxy_pass http://chat;
      # A WebSocket handshake is an HTTP/1.1 request (RFC 6455 §4.1), and
      # Upgrade and Connection are hop-by-hop headers (RFC 9110 §7.6.1): a
      # proxy drops them unless told to pass them on.
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      # What Node needs to know who is really there (limits.ts trusts it from us only).
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # nginx closes a proxied connection on which nothing has come from
      # Node for this long; the default, 60 s, silently ends every quiet
      # WebSocket after a minute. The heartbeat's pings are traffic, so
      # this must be longer than PING_INTERVAL_MS.
      proxy_read_timeout ${options.readTimeoutMs}ms;
      proxy_send_timeout ${options.readTimeoutMs}ms;
    }
  }
}
`;
}
// #endregion config

/** A free port on the loopback interface (nginx, unlike Node, cannot be told "any port"). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port for the probe');
  return address.port;
}

export async function startNginx(options: NginxOptions): Promise<Nginx> {
  const nginx = findNginx(options.nginxPath);
  if (nginx === undefined) throw new Error(installNginxHint);
  const port = options.port === 0 ? await freePort() : options.port;
  const prefix = mkdtempSync(join(tmpdir(), 'deploy-nginx-'));
  for (const name of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(prefix, 'temp', name), { recursive: true });
  }
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig(prefix, port, options));
  // nginx writes its pid file once it listens: that file appearing is our ready signal.
  const pidWritten = waitForFile(prefix, 'nginx.pid');
  // -e: the error log before the config is read (Debian's default is /var/log/nginx, not ours).
  const child = spawn(nginx, ['-p', prefix, '-c', conf, '-e', 'stderr'], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    lines.push(line);
    options.log.warn(`nginx: ${line}`);
  });
  const exited = once(child, 'exit');
  const failed = exited.then(([code]) => {
    throw new Error(`nginx exited (${code}) before it listened: ${lines.join(' | ')}`);
  });
  try {
    await Promise.race([pidWritten.promise, failed]);
  } catch (error) {
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  } finally {
    pidWritten.stop();
  }
  failed.catch(() => {}); // later exits are stop()'s business
  const url = formatUrl('https', options.host, port, '/');
  options.log.info(`nginx is up, forwarding to ${options.upstreams.join(' and ')}`);
  return { url, port, stop: () => stopNginx(child, exited, prefix) };
}

async function stopNginx(child: ChildProcess, exited: Promise<unknown>, prefix: string) {
  // SIGTERM is nginx's fast shutdown. Its graceful one (SIGQUIT) waits for
  // every open connection to end, and a WebSocket may never end by itself.
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
  rmSync(prefix, { recursive: true, force: true });
}

function waitForFile(folder: string, name: string) {
  let watcher: ReturnType<typeof watch> | undefined;
  const promise = new Promise<void>((resolve) => {
    watcher = watch(folder, (_event, file) => {
      if (file === name && existsSync(join(folder, name))) resolve();
    });
  });
  return { promise, stop: () => watcher?.close() };
}
