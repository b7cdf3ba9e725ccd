import { captureLogger, useCleanup } from '@sockets/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { deploymentDefaults, startDeployment } from '../src/deployment.ts';
import { findNginx } from '../src/nginx.ts';
import { rollingRestart } from '../src/rolling.ts';
import { testCertificates } from './helpers.ts';

const track = useCleanup();
const certs = testCertificates();
afterAll(() => certs.remove());

describe.runIf(findNginx() !== undefined || process.env.CI)(
  'a rolling restart behind nginx',
  () => {
    it('drops both users twice with 1012, and each still sees every message, once, in order', async () => {
      const { log, waitForLine } = captureLogger('rolling');
      const deployment = await startDeployment({
        ...deploymentDefaults,
        port: 0,
        certDir: certs.dir,
        backendEnv: { MESSAGES_PER_SECOND: '50' },
        log,
      });
      track(() => deployment.close());
      const reports = await rollingRestart(deployment, certs.dir, {
        count: 30,
        intervalMs: 50,
        reconnectMinMs: 50,
        reconnectMaxMs: 1000,
        log,
      });
      for (const report of reports) {
        expect(report).toMatchObject({ sent: 30, seen: 30, inOrder: true });
        expect(report.drops).toEqual(['1012 "service restart"', '1012 "service restart"']);
      }
      expect(reports.map((report) => report.name)).toEqual(['ann', 'bob']);
      // Each came back through nginx to the process that was up, with what it had missed.
      await waitForLine(
        /ann's connection closed \(1012 "service restart"\); reconnecting in \d+ ms with \?since=\d+-\d+/,
      );
      await waitForLine(/\[node 2\] \[deploy\] bob resumed after \d+-\d+/);
    });
  },
);
