import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

/** This run's captured log lines for one request id (other workers append to the same file). */
async function linesOf(requestId: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(inject('logCaptureFile'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.includes(requestId))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('request logs', () => {
  it('writes JSON lines with the request id, one access line by route pattern, no secrets', async () => {
    const deviceId = `device-${randomUUID()}`;
    const user = await emulator.createUser();
    const { code, anonymousCode } = await emulator.login(user.id, deviceId);
    // The anonymous code's exchange fails, so the login service writes its own warn line too.
    const remove = await emulator.fault({ operation: 'jscode2session', match: { anonymous_code: anonymousCode }, errNo: 40019 });
    const requestId = `log-test-${randomUUID()}`;
    const response = await fetch(`${running.baseUrl}/auth/login?token=query-secret-value`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: 'Bearer header-secret-value' },
      body: JSON.stringify({ code, anonymousCode }),
    }).finally(remove);
    expect(response.status).toBe(200);

    const lines = await linesOf(requestId);
    for (const line of lines) expect(line).toMatchObject({ requestId, level: expect.any(String), time: expect.any(String) });
    expect(lines.filter((line) => line.context === 'Login')).toEqual([
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('anonymous code exchange failed (errNo 40019') }),
    ]);
    const access = lines.filter((line) => line.context === 'Http');
    expect(access).toEqual([expect.objectContaining({ method: 'POST', route: '/auth/login', status: 200, durationMs: expect.any(Number) })]);

    const text = JSON.stringify(lines);
    for (const secret of [code!, anonymousCode, 'query-secret-value', 'header-secret-value']) expect(text).not.toContain(secret);
  });

  it("names the request, route and Douyin's answer when an upstream failure answers it", async () => {
    const { code } = await emulator.login((await emulator.createUser()).id);
    const remove = await emulator.fault({ operation: 'jscode2session', match: { code: code! }, errNo: -1 });
    const requestId = `log-test-${randomUUID()}`;
    const response = await fetch(`${running.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ code }),
    }).finally(remove);
    expect(response.status).toBe(503);

    const lines = await linesOf(requestId);
    expect(lines.filter((line) => line.context === 'Errors')).toEqual([
      expect.objectContaining({
        level: 'warn',
        requestId,
        method: 'POST',
        route: '/auth/login',
        msg: expect.stringMatching(/^code2session: Douyin unavailable \(errNo -1, kind system_busy, log_id \S+\)$/),
      }),
    ]);
    expect(lines.filter((line) => line.context === 'Http')).toEqual([expect.objectContaining({ status: 503 })]);
    expect(JSON.stringify(lines)).not.toContain(code!);
  });

  it('logs unknown routes without their URL', async () => {
    const requestId = `log-test-${randomUUID()}`;
    const response = await fetch(`${running.baseUrl}/nowhere/13800000000?code=abc`, { headers: { 'x-request-id': requestId } });
    expect(response.status).toBe(404);
    const [access] = (await linesOf(requestId)).filter((line) => line.context === 'Http');
    expect(access).toMatchObject({ method: 'GET', route: null, status: 404 });
    expect(JSON.stringify(access)).not.toContain('13800000000');
  });
});
