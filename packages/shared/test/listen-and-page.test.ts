import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../src/listen.ts';
import { servePage } from '../src/page.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function pageServer(files: Parameters<typeof servePage>[1] = {}): Promise<string> {
  const server = createServer(servePage('<h1>hi</h1>', files));
  servers.push(server);
  const port = await listen(server, '127.0.0.1', 0);
  return `http://127.0.0.1:${port}`;
}

describe('listen', () => {
  it('resolves with the port the OS gave for port 0', async () => {
    const server = createServer();
    servers.push(server);
    const port = await listen(server, '127.0.0.1', 0);
    expect(port).toBeGreaterThan(0);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = createServer();
    servers.push(first);
    const port = await listen(first, '127.0.0.1', 0);
    const second = createServer();
    await expect(listen(second, '127.0.0.1', port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('servePage', () => {
  it('serves the page at / and 404s elsewhere', async () => {
    const base = await pageServer();
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<h1>hi</h1>');
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('404 not found: /nope\n');
  });

  it('serves the files the page loads at their paths, with their Content-Type', async () => {
    const base = await pageServer({
      '/page.js': { type: 'text/javascript; charset=utf-8', body: 'export const x = 1;\n' },
    });
    const script = await fetch(`${base}/page.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const x = 1;\n');
    expect((await fetch(`${base}/other.js`)).status).toBe(404);
    expect((await fetch(`${base}/page.js`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers a path that is not a URL (`//`) with a 404 instead of throwing', async () => {
    const base = await pageServer();
    const odd = await fetch(`${base}//`);
    expect(odd.status).toBe(404);
    expect(await odd.text()).toBe('404 not found: //\n');
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const base = await pageServer();
    const posted = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });
});
