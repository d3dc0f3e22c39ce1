import { MAX_DEVICES_PER_USER, ZDevice, ZDeviceList, ZErrorEnvelope, type TDevice } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { signUp, type ApiUser } from '../../../test/api-user.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

/** What the mini-program does: pass tt.getSystemInfo's result as is. */
async function reportDevice(session: ApiUser, changes: Record<string, unknown> = {}): Promise<TDevice> {
  const response = await session.request('POST', '/me/devices', { ...(await session.tt.getSystemInfo()), ...changes });
  expect(response.status).toBe(200);
  return ZDevice.parse(response.body);
}

async function listDevices(session: ApiUser): Promise<TDevice[]> {
  const response = await session.request('GET', '/me/devices');
  expect(response.status).toBe(200);
  return ZDeviceList.parse(response.body).devices;
}

function issuePaths(body: unknown): string[] {
  const { error } = ZErrorEnvelope.parse(body);
  expect(error.code).toBe('VALIDATION_FAILED');
  return (error.details as { issues: { path: string }[] }).issues.map((issue) => issue.path);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('POST /me/devices', () => {
  it('stores getSystemInfo as reported, with its host-specific fields in the snapshot', async () => {
    const alice = await signUp(running);
    const device = await reportDevice(alice);

    expect(device).toMatchObject({
      brand: 'Emulator',
      model: 'Douyin Emulator',
      system: 'Android 14',
      platform: 'android',
      appName: 'Douyin',
      appVersion: '32.5.0',
      sdkVersion: '3.60.0',
    });
    expect(device.firstSeenAt).toBe(device.lastSeenAt);
    expect(device.snapshot).toMatchObject({ battery: 80, deviceScore: { overall: 8.3 }, errMsg: 'getSystemInfo:ok' });
    expect(Object.keys(device)).not.toContain('deviceKey');
    expect(JSON.stringify(device)).not.toContain(alice.userId);
  });

  it('updates the same device on a later report: new snapshot and lastSeenAt, same firstSeenAt', async () => {
    const alice = await signUp(running);
    const first = await reportDevice(alice);
    await tick();
    const second = await reportDevice(alice, { battery: 12, theme: 'dark' });

    expect(second.id).toBe(first.id);
    expect(second.firstSeenAt).toBe(first.firstSeenAt);
    expect(Date.parse(second.lastSeenAt)).toBeGreaterThan(Date.parse(first.lastSeenAt));
    expect(second.snapshot).toMatchObject({ battery: 12, theme: 'dark' });
    expect(await listDevices(alice)).toEqual([second]);
  });

  it('keeps the row through an OS and host app update', async () => {
    const alice = await signUp(running);
    const before = await reportDevice(alice);
    const after = await reportDevice(alice, { system: 'Android 15', version: '33.1.0', SDKVersion: '3.70.0' });

    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ system: 'Android 15', appVersion: '33.1.0', sdkVersion: '3.70.0' });
  });

  it('gives another device its own row and lists the most recently seen first', async () => {
    const alice = await signUp(running);
    const phone = await reportDevice(alice);
    await tick();
    const tablet = await reportDevice(alice, { brand: 'HUAWEI', model: 'MatePad 11', screenWidth: 800, screenHeight: 1280, pixelRatio: 2 });

    expect(tablet.id).not.toBe(phone.id);
    expect((await listDevices(alice)).map((d) => d.id)).toEqual([tablet.id, phone.id]);
    await tick();
    const phoneAgain = await reportDevice(alice);
    expect((await listDevices(alice)).map((d) => d.id)).toEqual([phoneAgain.id, tablet.id]);
  });

  it(`keeps the ${MAX_DEVICES_PER_USER} most recently seen devices: a new one beyond that replaces the stalest`, async () => {
    const alice = await signUp(running);
    const bob = await signUp(running);
    const bobs = await reportDevice(bob);
    const report = async (n: number) => {
      await tick();
      return reportDevice(alice, { model: `Model ${n}` });
    };
    const ids = new Map<number, string>();
    for (let n = 0; n < MAX_DEVICES_PER_USER; n++) ids.set(n, (await report(n)).id);
    expect(await listDevices(alice)).toHaveLength(MAX_DEVICES_PER_USER);

    // Model 0 is seen again, then two new devices arrive: models 1 and 2 are now the stalest.
    expect((await report(0)).id).toBe(ids.get(0));
    for (const n of [MAX_DEVICES_PER_USER, MAX_DEVICES_PER_USER + 1]) ids.set(n, (await report(n)).id);

    const kept = (await listDevices(alice)).map((d) => d.model);
    expect(kept).toHaveLength(MAX_DEVICES_PER_USER);
    expect(kept.slice(0, 3)).toEqual([`Model ${MAX_DEVICES_PER_USER + 1}`, `Model ${MAX_DEVICES_PER_USER}`, 'Model 0']);
    expect(kept).not.toContain('Model 1');
    expect(kept).not.toContain('Model 2');
    // Another user's devices are not counted against, or pruned with, alice's.
    expect((await listDevices(bob)).map((d) => d.id)).toEqual([bobs.id]);
  });

  it('keeps users apart: the same phone model is one row per user, and lists show only your own', async () => {
    const alice = await signUp(running);
    const bob = await signUp(running);
    const alices = await reportDevice(alice);
    const bobs = await reportDevice(bob);

    expect(bobs.id).not.toBe(alices.id);
    expect((await listDevices(bob)).map((d) => d.id)).toEqual([bobs.id]);
    expect((await listDevices(alice)).map((d) => d.id)).toEqual([alices.id]);
  });

  it('refuses missing identity fields, bad numbers and oversized extras, naming the fields', async () => {
    const alice = await signUp(running);
    const info = await alice.tt.getSystemInfo();
    const { brand: _brand, ...withoutBrand } = info;
    const cases: [Record<string, unknown>, string][] = [
      [withoutBrand, 'body.brand'],
      [{ ...info, pixelRatio: -1 }, 'body.pixelRatio'],
      [{ ...info, screenWidth: '393' }, 'body.screenWidth'],
      [{ ...info, model: 'x'.repeat(129) }, 'body.model'],
      [{ ...info, hostNote: 'x'.repeat(300) }, 'body.hostNote'],
      [{ ...info, nested: { a: { b: { c: 1 } } } }, 'body.nested'],
    ];
    for (const [body, path] of cases) {
      const response = await alice.request('POST', '/me/devices', body);
      expect([path, response.status]).toEqual([path, 400]);
      expect(issuePaths(response.body)).toContain(path);
    }

    const tooBig = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`extra${i}`, 'y'.repeat(250)]));
    const response = await alice.request('POST', '/me/devices', { ...info, ...tooBig });
    expect(response.status).toBe(400);
    expect(issuePaths(response.body)).toEqual(['body']);
    expect(await listDevices(alice)).toEqual([]);
  });

  it('needs a session', async () => {
    const response = await fetch(`${running.baseUrl}/me/devices`);
    expect(response.status).toBe(401);
  });
});
