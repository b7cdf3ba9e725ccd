import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import {
  type ChatServer,
  chatServerHandle,
  chatWebSocketServer,
  Hub,
  Member,
  WS_PATH,
} from '@sockets/chat';
import { CloseCode } from '@sockets/frames';
import { isOriginAllowed, refuseUpgrade } from '@sockets/handshake';
import { formatUrl, listen, peerName, quote, requestUrl } from '@sockets/shared';
import { loadTls, type Tls } from './cert.ts';
import {
  ConnectionsPerIp,
  clientAddress,
  describeAddress,
  MessageRate,
  watchSocket,
} from './limits.ts';
import { loginHandler, sessionOf } from './login.ts';
import { type DeployServerOptions, serverDefaults } from './options.ts';
import { randomSecret } from './session.ts';

// Lesson 07's chat, put together again from its parts (Hub, Member,
// startHeartbeat) in a server fit for the internet: https:// and wss://
// (node:https), a login, a name that comes from the session, limits, and a
// shutdown that tells the browsers to come back.

/** Lesson 07's server handle: `url` is the wss:// endpoint, `pageUrl` the https:// page. */
export type DeployServer = ChatServer;

export interface DeployServerExtensions {
  /** A hub of your own: lesson 09's, which shares the room with other processes through Redis. */
  hub?: Hub;
  /** The certificate and key; default: read from `certDir`. */
  tls?: Tls;
}

export async function startDeployServer(
  overrides: Partial<DeployServerOptions> = {},
  extensions: DeployServerExtensions = {},
): Promise<DeployServer> {
  const options: DeployServerOptions = { ...serverDefaults, ...overrides };
  const { log } = options;
  const tls = options.tls ? (extensions.tls ?? loadTls(options.certDir)) : undefined;
  // A random key per run is safe, but every restart logs everybody out, and
  // two processes behind one proxy would not accept each other's cookies:
  // give them the same SESSION_SECRET. The key itself is never logged.
  const sessionSecret = options.sessionSecret || randomSecret();
  log.info(
    options.sessionSecret
      ? 'session cookies signed with SESSION_SECRET'
      : 'session cookies signed with a random key made for this run (set SESSION_SECRET to keep logins across restarts)',
  );

  // #region server
  const hub = extensions.hub ?? new Hub(options);
  const wss = chatWebSocketServer(options);
  const page = readFileSync(new URL('./page.html', import.meta.url), 'utf8');
  const handler = loginHandler(page, { ...options, sessionSecret });
  // The handshake deadline, at both layers: the TLS handshake (default
  // 120 s) and then the HTTP request head (default 60 s). A connection that
  // trickles its bytes in would otherwise hold a socket that long (a
  // "slowloris" attack).
  const deadlines = {
    headersTimeout: options.handshakeTimeoutMs,
    requestTimeout: options.handshakeTimeoutMs,
    // How often node:http looks for requests past those deadlines (default
    // 30 s, which would make a 10 s deadline up to 40 s).
    connectionsCheckingInterval: Math.min(30_000, options.handshakeTimeoutMs),
  };
  const server = tls
    ? createHttpsServer(
        // Our certificate and its key. Not the CA's certificate: a client
        // trusts a CA because it already has it, never because a server sent it.
        {
          cert: tls.cert,
          key: tls.key,
          handshakeTimeout: options.handshakeTimeoutMs,
          ...deadlines,
        },
        handler,
      )
    : createHttpServer(deadlines, handler);
  // A client that speaks plain HTTP (ws://, http://) to this TLS port: OpenSSL
  // sees "GET /" where a TLS ClientHello should be. Node hangs up; the client
  // only learns "socket hang up", so at least our log says what happened.
  server.on('tlsClientError', (error: Error & { code?: string }, socket) => {
    if (error.code === 'ERR_SSL_HTTP_REQUEST') {
      log.warn(`${peerName(socket)} sent plain HTTP to this TLS port: use https:// and wss://`);
    } else {
      log.info(`${peerName(socket)}: TLS handshake failed: ${error.message}`);
    }
  });
  const perIp = new ConnectionsPerIp(options.maxConnectionsPerIp);
  const rate = new MessageRate(options.messagesPerSecond);
  let allowedOrigins: string[] = [];

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(request);
    if (url.pathname !== WS_PATH) {
      return refuseUpgrade(socket, 404, `no WebSocket at ${url.pathname}; try ${WS_PATH}`);
    }
    // Lesson 07's check, still needed: SameSite=Strict keeps the cookie off
    // other sites' requests in today's browsers, but not in every browser
    // ever made, and Origin costs nothing to check.
    const origin = request.headers.origin;
    if (!isOriginAllowed(origin, allowedOrigins)) {
      log.warn(`refused a WebSocket from origin ${quote(origin ?? '')} with 403`);
      return refuseUpgrade(socket, 403, `origin ${origin} is not allowed`);
    }
    // Before handleUpgrade: a visitor without a valid session never gets a
    // WebSocket at all, just a 401, and costs us no Member and no hub slot.
    const session = sessionOf(request, sessionSecret);
    if (typeof session === 'string') {
      log.warn(`refused a WebSocket with 401: ${session}`);
      return refuseUpgrade(socket, 401, session);
    }
    const address = clientAddress(request, options.trustedProxies);
    if (!perIp.tryAdd(address)) {
      log.warn(
        `refused a WebSocket from ${describeAddress(address, request)} with 429: already ${options.maxConnectionsPerIp} open`,
      );
      return refuseUpgrade(
        socket,
        429,
        `at most ${options.maxConnectionsPerIp} connections per address`,
      );
    }
    socket.once('close', () => perIp.remove(address));
    wss.handleUpgrade(request, socket, head, (webSocket) => {
      // The name is the session's, signed by us: `?name=` is not even read.
      const { name } = session;
      watchSocket(webSocket, { name, rate, idleTimeoutMs: options.idleTimeoutMs, log });
      const member = new Member(name, webSocket, socket, hub, options);
      hub.register(member, url.searchParams);
      log.info(`${name} connected from ${describeAddress(address, request)} (${hub.size} online)`);
    });
  });
  // #endregion server

  const port = await listen(server, options.host, options.port);
  const [scheme, wsScheme] = tls ? ['https', 'wss'] : ['http', 'ws'];
  allowedOrigins = options.allowedOrigins ?? [
    `${scheme}://localhost:${port}`,
    `${scheme}://127.0.0.1:${port}`,
  ];
  // #region shutdown
  // Lesson 07's handle and shutdown, with one difference, the code: 1012
  // Service Restart, from the IANA close code registry (RFC 6455 §11.7): "the
  // server is restarting; a client may reconnect, and if it chooses to, should
  // reconnect using a randomized delay of 5 to 30 s". 1001 (going away) would
  // say "don't bother": this process stops only to be replaced, and behind the
  // proxy another one is already taking its clients. Stopping to accept comes
  // first: the proxy's next attempt to reach us is refused, and it sends that
  // visitor to the other process instead.
  return chatServerHandle(
    server,
    hub,
    {
      url: formatUrl(wsScheme, options.host, port, WS_PATH),
      pageUrl: formatUrl(scheme, options.host, port, '/'),
    },
    options,
    { code: CloseCode.serviceRestart, reason: 'service restart' },
  );
  // #endregion shutdown
}
