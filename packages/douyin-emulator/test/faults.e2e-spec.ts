import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPID, SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ randomSeed: 42 });
});
afterAll(() => h.close());
beforeEach(() => h.post('/__emulator/reset'));

const tokenBody = { appid: APPID, secret: SECRET, grant_type: 'client_credential' };
const fault = (rule: Record<string, unknown>) => h.post('/__emulator/faults', rule);

describe('fault rules', () => {
  it('fire at the configured rate with seeded randomness', async () => {
    const rule = await fault({ operation: 'token', errNo: -1, probability: 0.3 });
    let failures = 0;
    for (let i = 0; i < 1000; i++) {
      const res = await h.post('/api/apps/v2/token', tokenBody);
      if (res.err_no === -1) failures++;
      else expect(res.err_no).toBe(0);
    }
    // ±3σ for a binomial(1000, 0.3) is about ±43
    expect(failures).toBeGreaterThan(257);
    expect(failures).toBeLessThan(343);
    const listed = (await h.get('/__emulator/faults')).find((r: any) => r.id === rule.id);
    expect(listed.fired).toBe(failures);
    expect((await h.get('/__emulator/calls')).token).toBe(1000);
  });

  it('a per-rule seed makes the firing pattern reproducible', async () => {
    const pattern = async () => {
      await h.post('/__emulator/faults', { operation: 'token', errNo: -1, probability: 0.5, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await h.post('/api/apps/v2/token', tokenBody)).err_no);
      await h.postRaw('/__emulator/reset');
      return out.join(',');
    };
    expect(await pattern()).toBe(await pattern());
  });

  it('answers an injected errNo in each family envelope', async () => {
    await fault({ operation: 'token', errNo: 40017 });
    await fault({ operation: 'client_token', errNo: 10020 });
    await fault({ operation: 'jscode2session', errNo: -1 });
    await fault({ operation: 'notify_v2', errNo: 28001005 });
    expect(await h.post('/api/apps/v2/token', tokenBody)).toEqual({
      err_no: 40017,
      err_tips: 'bad secret',
      data: { access_token: '', expires_in: 0 },
    });
    expect(await h.get(`/api/apps/token?appid=${APPID}&secret=${SECRET}&grant_type=client_credential`)).toMatchObject({ errcode: 40017 });
    expect(await h.post('/oauth/client_token/', {})).toMatchObject({ data: { error_code: 10020 }, message: 'error' });
    expect(await h.post('/api/apps/v2/jscode2session', {})).toEqual({
      err_no: -1,
      err_tips: 'system error',
      data: { session_key: '', openid: '', anonymous_openid: '', unionid: '' },
      log_id: expect.any(String),
    });
    expect(await h.post('/api/notification/v2/subscription/notify_user/', {})).toEqual({
      err_no: 28001005,
      err_msg: 'system busy',
      log_id: expect.any(String),
    });
  });

  it('answers with an HTTP status: a gateway HTML page by default, a given body, or an envelope under that status', async () => {
    await fault({ operation: 'token', httpStatus: 502, times: 1 });
    const gateway = await h.postRaw('/api/apps/v2/token', tokenBody);
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await gateway.text()).toContain('<h1>502 Bad Gateway</h1>');

    await fault({ operation: 'token', httpStatus: 503, body: '{"oops":1}', contentType: 'application/json', times: 1 });
    const custom = await h.postRaw('/api/apps/v2/token', tokenBody);
    expect([custom.status, await custom.text()]).toEqual([503, '{"oops":1}']);
    expect(custom.headers.get('content-type')).toMatch(/^application\/json/);

    await fault({ operation: 'notify_v2', httpStatus: 500, errNo: 28001005, times: 1 });
    const enveloped = await h.postRaw('/api/notification/v2/subscription/notify_user/', {});
    expect(enveloped.status).toBe(500);
    expect(await enveloped.json()).toMatchObject({ err_no: 28001005, log_id: expect.any(String) });

    expect((await h.post('/api/apps/v2/token', tokenBody)).err_no).toBe(0);
    expect((await h.postRaw('/__emulator/faults', { operation: 'token', httpStatus: 200 })).status).toBe(400);
  });

  it('records each platform call (method, path, content type, headers), the last 200 only', async () => {
    await h.post('/api/apps/v2/token', tokenBody);
    await h.post('/api/notification/v2/subscription/query_user_subscribe/', {}, { 'access-token': 'clt.fake' });
    await h.get(`/api/apps/token?appid=${APPID}&secret=${SECRET}&grant_type=client_credential`);
    const calls = await h.get('/__emulator/calls/recent');
    expect(calls).toEqual([
      expect.objectContaining({ operation: 'token', method: 'POST', path: '/api/apps/v2/token', contentType: 'application/json' }),
      expect.objectContaining({
        operation: 'query_user_subscribe',
        path: '/api/notification/v2/subscription/query_user_subscribe/',
        headers: expect.objectContaining({ 'access-token': 'clt.fake', 'content-type': 'application/json' }),
      }),
      expect.objectContaining({ operation: 'token', method: 'GET', path: '/api/apps/token', contentType: null }),
    ]);
    expect(await h.get('/__emulator/calls/recent?operation=query_user_subscribe')).toHaveLength(1);
    expect(await h.get('/__emulator/calls/recent?limit=1')).toEqual([calls[2]]);

    for (let i = 0; i < 205; i++) await h.post('/api/apps/v2/token', tokenBody);
    expect(await h.get('/__emulator/calls/recent')).toHaveLength(200);
    await h.post('/__emulator/reset');
    expect(await h.get('/__emulator/calls/recent')).toEqual([]);
  });

  it('with `match`, fires only for calls carrying those field values', async () => {
    await fault({ operation: 'token', errNo: -1, match: { secret: 'only-this-one' } });
    expect((await h.post('/api/apps/v2/token', tokenBody)).err_no).toBe(0);
    expect((await h.post('/api/apps/v2/token', { ...tokenBody, secret: 'only-this-one' })).err_no).toBe(-1);
    expect((await h.get('/api/apps/token?appid=x&secret=only-this-one&grant_type=client_credential')).errcode).toBe(-1);
  });

  it('stops after `times` firings and can be deleted one by one or all at once', async () => {
    await fault({ operation: 'token', errNo: -1, times: 2 });
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await h.post('/api/apps/v2/token', tokenBody)).err_no);
    expect(results).toEqual([-1, -1, 0]);
    expect(await h.get('/__emulator/faults')).toEqual([]);

    const a = await fault({ operation: 'token', errNo: -1 });
    await fault({ operation: 'client_token', errNo: 10002 });
    const del = await fetch(`${h.emulator.url}/__emulator/faults/${a.id}`, { method: 'DELETE' });
    expect(await del.json()).toEqual({ removed: 1 });
    expect((await fetch(`${h.emulator.url}/__emulator/faults/${a.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await (await fetch(`${h.emulator.url}/__emulator/faults`, { method: 'DELETE' })).json()).toEqual({ removed: 1 });
  });

  it('adds latency', async () => {
    await fault({ operation: 'token', latencyMs: 300 });
    const started = Date.now();
    expect((await h.post('/api/apps/v2/token', tokenBody)).err_no).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection without a response', async () => {
    await fault({ operation: 'jscode2session', drop: true, times: 1 });
    await expect(h.post('/api/apps/v2/jscode2session', {})).rejects.toThrow();
    expect((await h.post('/api/apps/v2/jscode2session', {})).err_no).toBe(40014);
  });

  it('rejects invalid rules with 400', async () => {
    const res = await h.postRaw('/__emulator/faults', { operation: 'nope', probability: 2 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});
