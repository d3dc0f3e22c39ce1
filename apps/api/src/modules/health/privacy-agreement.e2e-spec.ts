import { readFileSync } from 'node:fs';
import { ZReadyResponse } from '@douyin-kit/contracts';
import { inject } from 'vitest';
import { extraApps, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { ownEmulatorApp, type OwnApp } from '../../../test/own-app.js';
import { PrivacyAgreementService } from './services/privacy-agreement.service.js';

/**
 * The start-up question to Douyin (POST /api/apps/v1/privacy_setting/query/, over the emulator)
 * and what /ready and the log make of the answer. Production would ask by default; these
 * instances ask because DOUYIN_PRIVACY_CHECK=on (production mode refuses the emulator's http).
 */
const apps = extraApps();
afterAll(() => apps.closeAll());

async function startAsking(own: OwnApp, env: Record<string, string> = {}): Promise<RunningApp> {
  const running = await apps.start({ ...own.env, DOUYIN_PRIVACY_CHECK: 'on', ...env });
  await running.app.get(PrivacyAgreementService).settled();
  return running;
}

async function readyDetail(running: RunningApp): Promise<string> {
  const response = await fetch(`${running.baseUrl}/ready`);
  expect(response.status).toBe(200);
  return ZReadyResponse.parse(await response.json()).details.douyinPrivacyAgreement;
}

/** This check's log lines for `appId` (every level is captured). */
function logLinesOf(appId: string): Array<{ msg?: string; level?: string }> {
  return readFileSync(inject('logCaptureFile'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(appId))
    .map((line) => JSON.parse(line) as { msg?: string; level?: string; context?: string })
    .filter((line) => line.context === 'PrivacyAgreement');
}

describe('privacy agreement check at start', () => {
  it('reports a configured agreement on /ready, without a warning', async () => {
    const own = await ownEmulatorApp();
    expect(await readyDetail(await startAsking(own))).toBe('configured');
    expect(logLinesOf(own.appid)).toEqual([]);
  });

  it('warns when the agreement is not configured, and stays ready', async () => {
    const own = await ownEmulatorApp();
    await emulator.client.setAppPrivacy(own.appid, { configured: false });
    expect(await readyDetail(await startAsking(own))).toBe('not_configured');
    expect(logLinesOf(own.appid)).toEqual([
      expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/privacy agreement is not configured/) }),
    ]);
  });

  it('never holds up the start: /ready says checking while Douyin is slow to answer', async () => {
    const own = await ownEmulatorApp();
    const slow = await emulator.client.addFault({ operation: 'privacy_setting_query', latencyMs: 1500 });
    try {
      const running = await apps.start({ ...own.env, DOUYIN_PRIVACY_CHECK: 'on' });
      expect(await readyDetail(running)).toBe('checking');
      await running.app.get(PrivacyAgreementService).settled();
      expect(await readyDetail(running)).toBe('configured');
    } finally {
      await emulator.client.removeFault(slow.id);
    }
  });

  it('an upstream failure: logged once, /ready says unknown and the API stays ready', async () => {
    const own = await ownEmulatorApp();
    const fault = await emulator.client.addFault({ operation: 'privacy_setting_query', errNo: 28001005 });
    try {
      expect(await readyDetail(await startAsking(own))).toBe('unknown');
    } finally {
      await emulator.client.removeFault(fault.id);
    }
    expect(logLinesOf(own.appid)).toEqual([
      expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/Could not ask Douyin/), reason: 'system_busy', errNo: 28001005 }),
    ]);
  });

  it('asks nothing when off (the default outside production)', async () => {
    const own = await ownEmulatorApp();
    const counter = await emulator.client.countCalls('privacy_setting_query', {});
    try {
      const running = await apps.start(own.env);
      expect(await readyDetail(running)).toBe('not_checked');
      expect(await counter.count()).toBe(0);
    } finally {
      await counter.remove();
    }
  });
});
