import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestUrl } from './request-url.ts';

/** A file a page loads besides itself, such as a browser module: its Content-Type and text. */
export interface PageFile {
  type: string;
  body: string;
}

/**
 * The HTTP side of lessons 05–07: one HTML page at `/`, the `files` it loads
 * at their paths (lesson 07's `/chat-page.js`), and a short plain-text error
 * for anything else. The WebSocket endpoint is not here: it is an `upgrade`
 * on the same server, which never reaches this handler.
 */
export function servePage(html: string, files: Record<string, PageFile> = {}) {
  const page: PageFile = { type: 'text/html; charset=utf-8', body: html };
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = requestUrl(request).pathname;
    const file = path === '/' || path === '/index.html' ? page : files[path];
    if (file === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`404 not found: ${path}\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' });
      response.end('405 method not allowed\n');
      return;
    }
    response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  };
}
