import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serverDefaults as echoDefaults } from '@sockets/echo';
import { handshakeDeadline, pageOrigins } from '@sockets/handshake';
import {
  type Closable,
  createLogger,
  formatUrl,
  listen,
  peerName,
  quote,
  requestUrl,
  servePage,
} from '@sockets/shared';
import { BadRequest, sendJson, sendText, tickNumber } from './http.ts';
import { LongPolls } from './long-poll.ts';
import { type Meter, type Meters, newMeters, type TransportName, type Usage } from './meter.ts';
import { checkServerOptions, serverDefaults, type TransportsServerOptions } from './options.ts';
import { answerPoll } from './short-poll.ts';
import { EventStreams } from './sse.ts';
import { type Tick, Ticker } from './ticker.ts';
import { WebSocketFeed, wsPath } from './websocket.ts';

// One node:http server, one ticker, four ways to get its ticks:
//   GET /poll?after=<n>        short polling: answered at once
//   GET /long-poll?after=<n>   long polling: held until there is news
//   GET /events?after=<n>      Server-Sent Events: one response that never ends
//   GET /ws?after=<n>          WebSocket (an `upgrade`, lessons 03 to 05)
// and GET / for the page that shows all four, GET /stats for what each cost.

/** GET /stats: the settings the page needs, and what each transport has cost so far. */
export interface Stats {
  settings: { tickMs: number; pollMs: number };
  latest: Tick | null;
  transports: Record<TransportName, Usage>;
}

export interface TransportsServer extends Closable {
  /** http://host:port/, the page, with the port the OS really gave. */
  url: string;
  ticker: Ticker;
  longPolls: LongPolls;
  streams: EventStreams;
  stats(): Stats;
  /**
   * Cuts every connection as a network failure would, without closing: the
   * tests use it to watch the clients resume where they stopped.
   */
  dropConnections(): void;
}

// #region start
export async function startTransportsServer(
  overrides: Partial<TransportsServerOptions> = {},
): Promise<TransportsServer> {
  const options = { ...serverDefaults, ...overrides };
  checkServerOptions(options);
  const log = options.log ?? createLogger('transports');
  const showPage = servePage(await readFile(new URL('./page.html', import.meta.url), 'utf8'));
  const ticker = new Ticker(options.tickMs, options.history);
  const meters = newMeters();
  const longPolls = new LongPolls(ticker, meters.longPoll, { ...options, log });
  const streams = new EventStreams(ticker, meters.sse, { ...options, log });
  const webSockets = new WebSocketFeed(ticker, meters.ws, {
    ...options,
    closeTimeoutMs: echoDefaults.closeTimeoutMs,
    log,
  });
  const stats = (): Stats => ({
    settings: { tickMs: options.tickMs, pollMs: options.pollMs },
    latest: ticker.latest ?? null,
    transports: {
      poll: meters.poll.usage,
      longPoll: meters.longPoll.usage,
      sse: meters.sse.usage,
      ws: meters.ws.usage,
    },
  });
  // #endregion start

  // #region routes
  const route = (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const after = () => tickNumber('after', url.searchParams.get('after'));
    switch (url.pathname) {
      case '/poll':
        return answerPoll(ticker, meters.poll, response, after());
      case '/long-poll':
        return longPolls.handle(request, response, after());
      case '/events':
        return streams.handle(request, response, after());
      case '/stats':
        return sendJson(response, 200, stats());
      case wsPath:
        // RFC 9110 §15.5.22: 426 says which protocol to upgrade to.
        response.setHeader('Upgrade', 'websocket');
        return sendText(response, 426, `${wsPath} speaks WebSocket only`);
      default:
        return showPage(request, response);
    }
  };

  // Lesson 03's handshakeDeadline: a request's headers must arrive in time.
  const server = createServer(
    handshakeDeadline(options.handshakeTimeoutMs),
    (request, response) => {
      const url = requestUrl(request);
      const meter = meterOf(meters, url.pathname);
      meterRequest(meter, request, response);
      // Every transport reads; nothing here changes state on the server.
      if (request.method !== 'GET') {
        response.setHeader('Allow', 'GET');
        sendText(response, 405, 'method not allowed');
        return;
      }
      try {
        route(request, response, url);
      } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        log.warn(`refused ${peerName(request.socket)} ${quote(request.url)}: 400 ${error.message}`);
        sendText(response, 400, error.message);
      }
    },
  );
  // #endregion routes

  const port = await listen(server, options.host, options.port);
  const allowedOrigins = options.allowedOrigins ?? pageOrigins(options.host, port);
  server.on('upgrade', (request, socket, head) =>
    webSockets.handleUpgrade(request, socket, head, allowedOrigins),
  );
  const url = formatUrl('http', options.host, port, '/');
  log.info(`listening on ${url}`);

  return {
    url,
    ticker,
    longPolls,
    streams,
    stats,
    dropConnections() {
      server.closeAllConnections();
      webSockets.drop();
    },
    // #region shutdown
    async close() {
      ticker.stop();
      // Held polls get 503 and streams end; WebSockets get 1001 and a moment to answer it.
      longPolls.close();
      streams.close();
      await webSockets.close();
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
    // #endregion shutdown
  };
}

/** Which meter a path's bytes go to: the page and /stats are not any transport's cost. */
function meterOf(meters: Meters, path: string): Meter {
  if (path === '/poll') return meters.poll;
  if (path === '/long-poll') return meters.longPoll;
  if (path === '/events') return meters.sse;
  return meters.other;
}

/** Counts a request, and its bytes: the request now, the answer once it is written. */
function meterRequest(meter: Meter, request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket;
  meter.usage.requests += 1;
  meter.count(socket);
  response.once('finish', () => meter.count(socket));
  response.once('close', () => meter.count(socket));
}
