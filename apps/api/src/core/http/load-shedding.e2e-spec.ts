import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { ZErrorEnvelope } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ SHED_EVENT_LOOP_DELAY_MS: '50' });
});
afterAll(() => running.close());

/** The app runs in this process: hogging the loop here lags the app's event loop as overload would. */
async function hogEventLoop(totalMs: number): Promise<void> {
  const end = Date.now() + totalMs;
  while (Date.now() < end) {
    const slice = Date.now() + 200;
    while (Date.now() < slice) {
      // busy: nothing else runs on this loop meanwhile
    }
    await yieldToLoop();
  }
}

describe('load shedding', () => {
  it('answers 503 SERVER_BUSY with Retry-After while the event loop lags, keeps /health answering, and recovers', async () => {
    await hogEventLoop(2500);
    const busy = await fetch(`${running.baseUrl}/ready`);
    const health = await fetch(`${running.baseUrl}/health`);

    expect(busy.status).toBe(503);
    expect(ZErrorEnvelope.parse(await busy.json()).error).toMatchObject({ code: 'SERVER_BUSY', requestId: busy.headers.get('x-request-id') });
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(health.status).toBe(200);

    // under-pressure samples once a second: two quiet samples later the lag is gone.
    await sleep(2500);
    expect((await fetch(`${running.baseUrl}/ready`)).status).toBe(200);
  });
});
