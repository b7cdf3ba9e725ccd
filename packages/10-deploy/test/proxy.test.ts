import { once } from 'node:events';
import { leave } from '@sockets/chat/testing';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { type DeploymentOptions, deploymentDefaults, startDeployment } from '../src/deployment.ts';
import { findNginx, installNginxHint } from '../src/nginx.ts';
import { connect, login, refusedUpgrade, testCertificates } from './helpers.ts';

// Through a real nginx (Debian's): .ci/run installs it where it is missing.
// Elsewhere, a machine without nginx skips these, except in CI, where they fail.
const track = useCleanup();
const certs = testCertificates();
afterAll(() => certs.remove());
const { ca } = certs.tls;

async function deploy(options: Partial<DeploymentOptions> = {}) {
  const captured = captureLogger('proxy');
  const deployment = await startDeployment({
    ...deploymentDefaults,
    port: 0,
    certDir: certs.dir,
    log: captured.log,
    ...options,
  });
  track(() => deployment.close());
  return { deployment, ...captured };
}

describe.runIf(findNginx() !== undefined || process.env.CI)(
  'nginx in front of two Node processes',
  () => {
    it('upgrades to a WebSocket (101) over wss://, and messages go both ways', async () => {
      const { deployment, waitForLine } = await deploy();
      expect(deployment.pageUrl).toMatch(/^https:\/\/localhost:\d+\/$/);
      const ann = await connect(deployment.url, {
        ca,
        headers: { Cookie: await login(deployment.pageUrl, ca, 'ann') },
      });
      track(() => leave(ann));
      await waitForLine(/\[node \d\] \[deploy\] ann connected from 127\.0\.0\.1 \(1 online\)/);
      ann.socket.send('through nginx and back');
      expect(await ann.waitForText('through nginx and back')).toMatchObject({ from: 'ann' });
    });

    it('counts connections per address by the X-Forwarded-For nginx wrote, not what the client wrote', async () => {
      const { deployment } = await deploy({ backendEnv: { MAX_CONNECTIONS_PER_IP: '1' } });
      const cookie = await login(deployment.pageUrl, ca, 'ann');
      // Linux answers on all of 127.0.0.0/8: two "visitors" from two addresses.
      const from = (localAddress: string, forwardedFor?: string) => ({
        ca,
        localAddress,
        headers: { Cookie: cookie, ...(forwardedFor && { 'X-Forwarded-For': forwardedFor }) },
      });
      const first = await connect(deployment.url, from('127.0.0.2'));
      track(() => leave(first));
      // Without X-Forwarded-For, both would be nginx's 127.0.0.1, and this one refused.
      const second = await connect(deployment.url, from('127.0.0.3'));
      track(() => leave(second));
      // A header the client made up does not buy it a new address.
      const answer = await refusedUpgrade(deployment.url, from('127.0.0.2', '10.1.2.3'));
      expect(answer.status).toBe(429);
    });

    it('keeps a quiet WebSocket open past proxy_read_timeout, because the heartbeat pings', async () => {
      const { deployment } = await deploy({
        proxyReadTimeoutMs: 1200,
        pingIntervalMs: 200,
        pongTimeoutMs: 1000,
      });
      const ann = await connect(deployment.url, {
        ca,
        headers: { Cookie: await login(deployment.pageUrl, ca, 'ann') },
      });
      track(() => leave(ann));
      let closed = false;
      void ann.closed.then(() => {
        closed = true;
      });
      // Eighteen pings 200 ms apart: three times nginx's read timeout, without a word from ann.
      for (let ping = 0; ping < 18; ping++) await once(ann.socket, 'ping');
      expect(closed).toBe(false);
    });

    it('closes a quiet WebSocket after proxy_read_timeout when the pings are further apart', async () => {
      const { deployment } = await deploy({
        proxyReadTimeoutMs: 1200,
        pingIntervalMs: 500,
        // Past the check in startDeployment, as a misconfigured process would be.
        backendEnv: { PING_INTERVAL_MS: '60000', PONG_TIMEOUT_MS: '70000' },
      });
      const ann = await connect(deployment.url, {
        ca,
        headers: { Cookie: await login(deployment.pageUrl, ca, 'ann') },
      });
      // nginx just closes the TCP connection: no close frame, so 1006.
      expect((await ann.closed).code).toBe(1006);
    });

    it('refuses a read timeout no longer than the ping interval', async () => {
      await expect(deploy({ proxyReadTimeoutMs: 1000, pingIntervalMs: 1000 })).rejects.toThrow(
        'PROXY_READ_TIMEOUT_MS (1000) must be greater than PING_INTERVAL_MS (1000)',
      );
    });
  },
);

it('says how to install nginx where there is none', async () => {
  await expect(deploy({ nginxPath: '/nowhere/nginx' })).rejects.toThrow(installNginxHint);
});
