import { envInteger, explainError, runMain } from '@sockets/shared';
import { deploymentOptionsFromEnv, startDeployment } from '../src/deployment.ts';
import { rollingRestart } from '../src/rolling.ts';

await runMain('rolling', async (log) => {
  const options = deploymentOptionsFromEnv(process.env);
  // A script types faster than a person, and its queue is sent in a burst
  // after a reconnect: a higher limit than MESSAGES_PER_SECOND's default, 5.
  const backendEnv = { MESSAGES_PER_SECOND: '50', ...options.backendEnv };
  const deployment = await startDeployment({ ...options, backendEnv, log });
  // The run goes on after main returns, so that Ctrl+C meanwhile still stops
  // nginx, Redis and both processes (runMain closes what main returned).
  rollingRestart(deployment, options.certDir, {
    count: envInteger(process.env, 'COUNT', 60),
    intervalMs: envInteger(process.env, 'INTERVAL_MS', 100),
    reconnectMinMs: envInteger(process.env, 'RECONNECT_MIN_MS', 100),
    reconnectMaxMs: envInteger(process.env, 'RECONNECT_MAX_MS', 2000),
    log,
  })
    .then(
      (reports) => {
        if (reports.some((report) => report.seen < report.sent || !report.inOrder)) {
          process.exitCode = 1;
        }
      },
      (error: unknown) => {
        log.error(explainError(error));
        process.exitCode = 1;
      },
    )
    .finally(() => deployment.close());
  return deployment;
});
