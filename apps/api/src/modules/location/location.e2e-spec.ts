import { ZErrorEnvelope, ZLastLocation, ZLocation, type TLocation } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { signUp, type ApiUser } from '../../../test/api-user.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

async function recordLocation(session: ApiUser, reading: object): Promise<TLocation> {
  const response = await session.request('POST', '/me/location', reading);
  expect(response.status).toBe(200);
  return ZLocation.parse(response.body);
}

async function lastLocation(session: ApiUser) {
  return session.request('GET', '/me/location');
}

function issuePaths(body: unknown): string[] {
  const { error } = ZErrorEnvelope.parse(body);
  expect(error.code).toBe('VALIDATION_FAILED');
  return (error.details as { issues: { path: string }[] }).issues.map((issue) => issue.path);
}

describe('/me/location', () => {
  it('answers 200 with location null before any location is recorded (an empty state, not an error)', async () => {
    const alice = await signUp(running);
    const response = await lastLocation(alice);
    expect(response.status).toBe(200);
    expect(ZLastLocation.parse(response.body)).toEqual({ location: null });
  });

  it("records getLocation's result as is, timed by the server", async () => {
    const alice = await signUp(running);
    const before = Date.now();
    const recorded = await recordLocation(alice, await alice.tt.getLocation({ type: 'gcj02' }));

    expect(recorded).toEqual({
      latitude: 30.27415,
      longitude: 120.15515,
      coordinateSystem: 'gcj02',
      altitude: 12,
      accuracy: 30,
      verticalAccuracy: 10,
      horizontalAccuracy: 30,
      speed: 0,
      recordedAt: expect.any(String),
    });
    expect(Date.parse(recorded.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(recorded.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await lastLocation(alice)).body).toEqual({ location: recorded });
  });

  it('replaces the last location; unknown readings (missing, null or -1) are null', async () => {
    const alice = await signUp(running);
    const first = await recordLocation(alice, { latitude: 30.1, longitude: 120.1, accuracy: 30 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await recordLocation(alice, { latitude: -33.86, longitude: 151.2, altitude: null, accuracy: 5, verticalAccuracy: -1, speed: -1 });

    expect(second).toMatchObject({
      latitude: -33.86,
      longitude: 151.2,
      altitude: null,
      accuracy: 5,
      verticalAccuracy: null,
      horizontalAccuracy: null,
      speed: null,
    });
    expect(Date.parse(second.recordedAt)).toBeGreaterThan(Date.parse(first.recordedAt));
    expect((await lastLocation(alice)).body).toEqual({ location: second });
  });

  it("keeps users apart: Bob neither reads nor replaces Alice's location", async () => {
    const alice = await signUp(running);
    const bob = await signUp(running);
    const alices = await recordLocation(alice, { latitude: 30, longitude: 120 });

    expect((await lastLocation(bob)).body).toEqual({ location: null });
    await recordLocation(bob, { latitude: 10, longitude: 10 });
    expect((await lastLocation(alice)).body).toEqual({ location: alices });
  });

  it('refuses out-of-range and missing coordinates, naming the fields', async () => {
    const alice = await signUp(running);
    const cases: [Record<string, unknown>, string][] = [
      [{ latitude: 90.5, longitude: 120 }, 'body.latitude'],
      [{ latitude: 30, longitude: -181 }, 'body.longitude'],
      [{ latitude: 30 }, 'body.longitude'],
      [{ latitude: '30', longitude: 120 }, 'body.latitude'],
      [{ latitude: 30, longitude: 120, accuracy: -5 }, 'body.accuracy'],
      [{ latitude: 30, longitude: 120, city: '杭'.repeat(65) }, 'body.city'],
    ];
    for (const [body, path] of cases) {
      const response = await alice.request('POST', '/me/location', body);
      expect([path, response.status]).toEqual([path, 400]);
      expect(issuePaths(response.body)).toContain(path);
    }
    expect((await lastLocation(alice)).body).toEqual({ location: null });
  });
});
