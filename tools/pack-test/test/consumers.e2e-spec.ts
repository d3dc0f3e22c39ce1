import { describe, inject, it } from 'vitest';
import { describeRun, failureReport, runConsumer } from '../src/consumer.js';
import { consumerNames } from '../src/workspace.js';

// npm install of a consumer on a cold cache downloads its whole tree (TypeScript, Fastify, …).
const STEP_TIMEOUT_MS = 5 * 60_000;

describe.concurrent('consumers installed from the tarballs with npm, outside the workspace', () => {
  for (const name of consumerNames()) {
    it(
      name,
      async () => {
        const run = await runConsumer(name, {
          tarballs: new Map(Object.entries(inject('tarballs'))),
          scratchRoot: inject('scratchRoot'),
          npmCache: inject('npmCache'),
          timeoutMs: STEP_TIMEOUT_MS,
        });
        console.log(`[pack-test] ${name}: ${describeRun(run)}`);
        if (!run.ok) throw new Error(failureReport(run));
      },
      2 * STEP_TIMEOUT_MS,
    );
  }
});
