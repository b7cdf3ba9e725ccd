import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The HTTP side of lessons 05–07: one self-contained HTML page at `/`, and a
 * short plain-text error for anything else. The WebSocket endpoint is not here:
 * it is an `upgrade` on the same server, which never reaches this handler.
 */
export function servePage(html: string) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/' && path !== '/index.html') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`404 not found: ${path}\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' });
      response.end('405 method not allowed\n');
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : html);
  };
}
