import { chatPageScript, chatPageStyles } from '@sockets/chat';
import { useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startTestRedis, startTestServer } from './helpers.ts';

const track = useCleanup();

it("serves a page built on lesson 07's chat-page.js, and that file as lesson 07 has it", async () => {
  const redis = await startTestRedis(track);
  const { server } = await startTestServer(track, redis.url);
  const page = await (await fetch(server.pageUrl)).text();
  expect(page).toMatch(/^ {2}import \{[^}]*\bconnect\b[^}]*\} from '\/chat-page\.js';$/m);
  // Its socket is the one chat-page.js's connect() opens, not one of its own.
  expect(page).not.toContain('new WebSocket(');
  // Nor its elements: showChat puts lesson 07's in the page, with "online here".
  expect(page).toMatch(/^ {2}showChat\(\{ online: 'online here' \}\);$/m);
  expect(page).not.toContain('id="log"');

  const script = await fetch(new URL(chatPageScript.path, server.pageUrl));
  expect(script.headers.get('content-type')).toBe(chatPageScript.type);
  expect(await script.text()).toBe(chatPageScript.body);

  // And its look is lesson 07's stylesheet, not a copy of it.
  expect(page).toContain('<link rel="stylesheet" href="/chat-page.css">');
  expect(page).not.toContain('<style>');
  const styles = await fetch(new URL(chatPageStyles.path, server.pageUrl));
  expect(styles.headers.get('content-type')).toBe(chatPageStyles.type);
  expect(await styles.text()).toBe(chatPageStyles.body);
});
