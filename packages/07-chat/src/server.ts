import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode } from '@sockets/frames';
import {
  handshakeDeadline,
  isOriginAllowed,
  pageOrigins,
  refuseBadRequest,
  refuseUpgrade,
} from '@sockets/handshake';
import {
  type Closable,
  closeOnce,
  formatUrl,
  listen,
  type PageFile,
  quote,
  requestUrl,
  servePage,
  shutDown,
} from '@sockets/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import { type HeartbeatOptions, startHeartbeat } from './heartbeat.ts';
import { Hub } from './hub.ts';
import { Member } from './member.ts';
import { chooseName, uniqueName } from './messages.ts';
import { type ChatServerOptions, serverDefaults } from './options.ts';

// seed 004: main.go. One HTTP server on one port: the chat page at `/`, and
// the WebSocket at `/ws` as an `upgrade` on the same server.

export const WS_PATH = '/ws';

/**
 * The browser module the chat page runs (src/chat-page.js), and the path
 * page.html imports it from. Lessons 09 and 10 serve it too, under their own
 * pages.
 */
export const chatPageScript: PageFile & { path: string } = {
  path: '/chat-page.js',
  type: 'text/javascript; charset=utf-8',
  body: readFileSync(new URL('./chat-page.js', import.meta.url), 'utf8'),
};

/** The chat page's stylesheet (src/chat-page.css), shared the same way. */
export const chatPageStyles: PageFile & { path: string } = {
  path: '/chat-page.css',
  type: 'text/css; charset=utf-8',
  body: readFileSync(new URL('./chat-page.css', import.meta.url), 'utf8'),
};

export interface ChatServer extends Closable {
  /** The WebSocket endpoint, e.g. ws://localhost:8080/ws */
  url: string;
  /** The chat page, e.g. http://localhost:8080/ */
  pageUrl: string;
  hub: Hub;
}

/**
 * Extension points for workshops and exercises: a hub of your own (one that
 * keeps history, say), a page of your own (lesson 09's reconnects), and a look
 * at each socket before its Member is made (a 'message' listener added here
 * runs before the Member's own).
 */
export interface ChatServerExtensions {
  hub?: Hub;
  /** The HTML served at `/` instead of this lesson's page.html; it can import chatPageScript. */
  page?: string;
  beforeMember?(socket: WebSocket, name: string): void;
}

// #region ws-server
/**
 * The ws server that a chat server hands its upgrades to (this lesson's, and
 * lesson 10's).
 * - noServer: ws does the handshake only when we hand it a request that
 *   passed our own checks.
 * - maxPayload is seed 004's SetReadLimit: a bigger message closes with 1009.
 * - clientTracking is off because the hub keeps the set of members.
 * - perMessageDeflate is off (ws's default, said here because member.ts
 *   depends on it): every member is sent the same uncompressed frame, built
 *   once for everyone; compression is lesson 08's subject.
 * - closeTimeout: how long a close waits for the peer's close frame before ws
 *   destroys the socket (ws's default: 30 s); in ws 8.23 but not yet in
 *   @types/ws 8.18, so it is spread in.
 */
export function chatWebSocketServer(
  options: Pick<ChatServerOptions, 'maxMessageBytes' | 'closeTimeoutMs'>,
): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    clientTracking: false,
    perMessageDeflate: false,
    ...{ closeTimeout: options.closeTimeoutMs },
  });
}
// #endregion ws-server

export async function startChatServer(
  overrides: Partial<ChatServerOptions> = {},
  extensions: ChatServerExtensions = {},
): Promise<ChatServer> {
  const options: ChatServerOptions = { ...serverDefaults, ...overrides };
  const { log } = options;
  if (options.pongTimeoutMs <= options.pingIntervalMs) {
    // seed 004: "pingPeriod must be less than pongWait", or a healthy client
    // would be dropped before it had even been asked.
    throw new Error(
      `PONG_TIMEOUT_MS (${options.pongTimeoutMs}) must be greater than PING_INTERVAL_MS (${options.pingIntervalMs})`,
    );
  }

  // #region server
  const hub = extensions.hub ?? new Hub(options);
  const wss = chatWebSocketServer(options);
  const page = extensions.page ?? readFileSync(new URL('./page.html', import.meta.url), 'utf8');
  // Lesson 03's handshakeDeadline: node:http answers 408 to a request whose
  // head is not complete within handshakeTimeoutMs, instead of holding the
  // socket for as long as its own defaults allow (a minute and more).
  const server = createServer(
    handshakeDeadline(options.handshakeTimeoutMs),
    servePage(page, {
      [chatPageScript.path]: chatPageScript,
      [chatPageStyles.path]: chatPageStyles,
    }),
  );
  // A head node:http cannot parse, or one later than that: 400/408, and a log line.
  server.on('clientError', (error, socket) => refuseBadRequest(error, socket, log));
  let allowedOrigins: string[] = [];
  let guests = 0;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(request);
    if (url.pathname !== WS_PATH) {
      refuseUpgrade(socket, 404, `no WebSocket at ${url.pathname}; try ${WS_PATH}`);
      return;
    }
    // seed 004's CheckOrigin returns true for everyone, so any web page a user
    // visits could chat in their name (Cross-Site WebSocket Hijacking).
    const origin = request.headers.origin;
    if (!isOriginAllowed(origin, allowedOrigins)) {
      log.warn(`refused a WebSocket from origin ${quote(origin ?? '')} with 403`);
      refuseUpgrade(socket, 403, `origin ${origin} is not allowed`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (webSocket) => {
      guests += 1;
      const wanted = chooseName(url.searchParams.get('name'), guests);
      const name = uniqueName(wanted, (taken) => hub.isNameTaken(taken));
      extensions.beforeMember?.(webSocket, name);
      // `socket` is the TCP connection node:http handed us: member.ts writes
      // the chat's frames to it, beside ws.
      const member = new Member(name, webSocket, socket, hub, options);
      hub.register(member, url.searchParams);
      log.info(
        `${member.name} connected from ${request.socket.remoteAddress} (${hub.size} online)`,
      );
    });
  });
  // #endregion server

  const port = await listen(server, options.host, options.port);
  allowedOrigins = options.allowedOrigins ?? pageOrigins(options.host, port);
  return chatServerHandle(
    server,
    hub,
    {
      url: formatUrl('ws', options.host, port, WS_PATH),
      pageUrl: formatUrl('http', options.host, port, '/'),
    },
    options,
    { code: CloseCode.goingAway, reason: 'server shutting down' },
  );
}

// #region shutdown
/**
 * How every chat server ends its start, once it listens (this lesson's, and
 * lesson 10's over TLS): the heartbeat, the ready line, and the handle. Its
 * close() is lessons 05 and 06's policy: stop accepting, `goodbye` (1001 here)
 * to every member, and after closeTimeoutMs cut off whoever has not answered
 * (hub.closeAll); a second close() gets the first one's promise.
 */
export function chatServerHandle(
  server: Server,
  hub: Hub,
  urls: Pick<ChatServer, 'url' | 'pageUrl'>,
  options: HeartbeatOptions & Pick<ChatServerOptions, 'closeTimeoutMs' | 'log'>,
  goodbye: { code: number; reason: string },
): ChatServer {
  const stopHeartbeat = startHeartbeat(hub, options);
  options.log.info(`listening on ${urls.pageUrl} (WebSocket at ${urls.url})`);
  return {
    ...urls,
    hub,
    close: closeOnce(() => {
      stopHeartbeat();
      return shutDown(server, () =>
        hub.closeAll(goodbye.code, goodbye.reason, options.closeTimeoutMs),
      );
    }),
  };
}
// #endregion shutdown
