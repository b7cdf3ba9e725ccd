import { readFileSync } from 'node:fs';
import { useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startTestServer } from './chat-server.ts';

const track = useCleanup();

it('serves a page whose script imports /chat-page.js, and that file as JavaScript', async () => {
  const { server } = await startTestServer(track);
  const page = await (await fetch(server.url)).text();
  expect(page).toMatch(/^ {2}import \{[^}]*\bconnect\b[^}]*\} from '\/chat-page\.js';$/m);

  const script = await fetch(new URL('/chat-page.js', server.url));
  expect(script.status).toBe(200);
  // A browser runs a module script only if it is served as JavaScript.
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  const file = readFileSync(new URL('../src/chat-page.js', import.meta.url), 'utf8');
  expect(await script.text()).toBe(file);
});
