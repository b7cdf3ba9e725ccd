import { readFileSync } from 'node:fs';
import { useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startTestServer } from './chat-server.ts';

const track = useCleanup();

it('serves a page whose script imports /chat-page.js, and that file as JavaScript', async () => {
  const { server } = await startTestServer(track);
  const page = await (await fetch(server.pageUrl)).text();
  expect(page).toMatch(/^ {2}import \{[^}]*\bconnect\b[^}]*\} from '\/chat-page\.js';$/m);
  // Its elements too come from chat-page.js (showChat), so lessons 09 and 10 do not repeat them.
  expect(page).toMatch(/^ {2}showChat\(/m);
  expect(page).not.toContain('id="log"');

  const script = await fetch(new URL('/chat-page.js', server.pageUrl));
  expect(script.status).toBe(200);
  // A browser runs a module script only if it is served as JavaScript.
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  const file = readFileSync(new URL('../src/chat-page.js', import.meta.url), 'utf8');
  expect(await script.text()).toBe(file);
});

it('serves a page that takes its look from /chat-page.css, and that file as CSS', async () => {
  const { server } = await startTestServer(track);
  const page = await (await fetch(server.pageUrl)).text();
  expect(page).toContain('<link rel="stylesheet" href="/chat-page.css">');
  expect(page).not.toContain('<style>');

  const styles = await fetch(new URL('/chat-page.css', server.pageUrl));
  expect(styles.status).toBe(200);
  // A browser applies a stylesheet only if it is served as CSS.
  expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
  const file = readFileSync(new URL('../src/chat-page.css', import.meta.url), 'utf8');
  expect(await styles.text()).toBe(file);
});
