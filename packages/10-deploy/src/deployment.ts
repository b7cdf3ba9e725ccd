import { startRedisServer } from '@sockets/scale';
import {
  type Closable,
  createLogger,
  type Env,
  envOptions,
  envString,
  type Logger,
} from '@sockets/shared';
import { type Backend, startBackend } from './backend.ts';
import { findNginx, freePort, installNginxHint, type Nginx, startNginx } from './nginx.ts';
import { serverDefaults } from './options.ts';
import { randomSecret } from './session.ts';

// `pnpm lesson deploy proxy`: nginx on https, two Node processes behind it,
// all on this machine. In production they would be separate machines (or
// containers), and a process manager (systemd, Kubernetes …) would do what
// `restart` does here.

export interface DeploymentOptions {
  /** HOST: where nginx listens. */
  host: string;
  /** PORT: nginx's https port. */
  port: number;
  /** CERT_DIR: the folder `pnpm lesson deploy cert` writes to. */
  certDir: string;
  /** PROXY_READ_TIMEOUT_MS: nginx's proxy_read_timeout: must be longer than pingIntervalMs. */
  proxyReadTimeoutMs: number;
  /** PING_INTERVAL_MS and PONG_TIMEOUT_MS: lesson 07's heartbeat, for both processes. */
  pingIntervalMs: number;
  pongTimeoutMs: number;
  /** SESSION_SECRET: shared by both processes, so a login on one is good on the other. Empty: a random one. */
  sessionSecret: string;
  /** REDIS_URL: lesson 09's Redis, shared by both processes; empty: each is a room of its own. */
  redisUrl: string;
  /** NGINX: the nginx binary; empty: look on the PATH and in /usr/sbin. */
  nginxPath: string;
  /** More for the Node processes (MAX_CONNECTIONS_PER_IP=…); it wins over the settings above. */
  backendEnv: Record<string, string>;
  log: Logger;
}

export interface Deployment extends Closable {
  /** The WebSocket, through nginx: wss://localhost:8444/ws */
  url: string;
  /** The page, through nginx: https://localhost:8444/ */
  pageUrl: string;
  nginx: Nginx;
  backends: Backend[];
  /** Stops one Node process with SIGTERM and starts it again on the same port. */
  restart(index: number): Promise<void>;
}

export const deploymentDefaults: DeploymentOptions = {
  host: 'localhost',
  /** Next to the server's 8443, so both can run at once. */
  port: 8444,
  certDir: serverDefaults.certDir,
  /** 90 s: past the 54 s ping interval with room to spare (nginx's own default is 60 s). */
  proxyReadTimeoutMs: 90_000,
  pingIntervalMs: serverDefaults.pingIntervalMs,
  pongTimeoutMs: serverDefaults.pongTimeoutMs,
  sessionSecret: '',
  redisUrl: '',
  nginxPath: '',
  backendEnv: {},
  log: createLogger('proxy'),
};

/** The options of the proxy and rolling scripts, each from its variable (see envOptions). */
export function deploymentOptionsFromEnv(env: Env): DeploymentOptions {
  return {
    ...envOptions(env, deploymentDefaults),
    // NGINX, as the command is called, rather than NGINX_PATH.
    nginxPath: envString(env, 'NGINX', deploymentDefaults.nginxPath),
  };
}

// #region deployment
export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const { log } = options;
  if (findNginx(options.nginxPath) === undefined) throw new Error(installNginxHint);
  if (options.proxyReadTimeoutMs <= options.pingIntervalMs) {
    throw new Error(
      `PROXY_READ_TIMEOUT_MS (${options.proxyReadTimeoutMs}) must be greater than PING_INTERVAL_MS (${options.pingIntervalMs}): nginx would close every quiet WebSocket between two pings`,
    );
  }
  if (options.sessionSecret === '') {
    log.info('a random SESSION_SECRET for this run, shared by both Node processes (never printed)');
  }
  // Lesson 09's Redis: both processes in one room, with its history.
  const redis = options.redisUrl === '' ? await startRedisServer() : undefined;
  if (redis !== undefined) {
    log.info(
      `started a private redis-server at ${redis.url} (REDIS_URL is unset; it stops with nginx)`,
    );
  }
  const redisUrl = redis?.url ?? options.redisUrl;
  // nginx's port comes first, since the processes must allow its Origin.
  const nginxPort = options.port;
  const sessionSecret = options.sessionSecret || randomSecret();
  const env = (port: number, proxyPort: number): Record<string, string> => ({
    // Behind nginx: plain HTTP on the loopback interface only, where nobody
    // but nginx can reach it; nginx holds the certificate.
    TLS: 'off',
    HOST: '127.0.0.1',
    PORT: String(port),
    // nginx connects from 127.0.0.1: only its X-Forwarded-For is believed.
    TRUSTED_PROXIES: '127.0.0.1',
    // The page the browser shows is nginx's, so that is the Origin it sends.
    ALLOWED_ORIGINS: `https://localhost:${proxyPort},https://127.0.0.1:${proxyPort}`,
    SESSION_SECRET: sessionSecret,
    PING_INTERVAL_MS: String(options.pingIntervalMs),
    PONG_TIMEOUT_MS: String(options.pongTimeoutMs),
    REDIS_URL: redisUrl,
    ...options.backendEnv,
  });
  const proxyPort = nginxPort === 0 ? await freePort() : nginxPort;
  const backends: Backend[] = [];
  let nginx: Nginx;
  try {
    backends.push(await startBackend('[node 1]', env(0, proxyPort), log));
    backends.push(await startBackend('[node 2]', env(0, proxyPort), log));
    nginx = await startNginx({
      host: options.host,
      port: proxyPort,
      upstreams: backends.map((backend) => backend.address),
      certDir: options.certDir,
      readTimeoutMs: options.proxyReadTimeoutMs,
      nginxPath: options.nginxPath,
      log,
    });
  } catch (error) {
    await Promise.all(backends.map((backend) => backend.stop()));
    await redis?.stop();
    throw error;
  }
  log.info(`listening on ${nginx.url} (nginx → ${backends.map((b) => b.address).join(', ')})`);

  return {
    url: `${nginx.url.replace(/^https/, 'wss')}ws`,
    pageUrl: nginx.url,
    nginx,
    backends,
    restart: async (index) => {
      const old = backends[index];
      if (old === undefined) throw new Error(`no backend ${index}`);
      log.info(`${old.label} restarting: SIGTERM`);
      await old.stop();
      const port = Number(old.address.split(':').at(-1));
      backends[index] = await startBackend(old.label, env(port, proxyPort), log);
    },
    close: async () => {
      await nginx.stop();
      await Promise.all(backends.map((backend) => backend.stop()));
      await redis?.stop();
    },
  };
}
// #endregion deployment
