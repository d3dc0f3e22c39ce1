import { ZErrorEnvelope, ZHealthResponse, ZReadyResponse } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { createScratchDatabase } from '../../../test/scratch-database.js';

describe('health and readiness', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  it('GET /health answers without touching the database', async () => {
    const response = await fetch(`${running.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(ZHealthResponse.parse(await response.json()).status).toBe('ok');
  });

  it('GET /ready is 200 on a migrated database', async () => {
    const response = await fetch(`${running.baseUrl}/ready`);
    expect(response.status).toBe(200);
    expect(ZReadyResponse.parse(await response.json())).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
      // Asked in production only (DOUYIN_PRIVACY_CHECK=auto); see privacy-agreement.e2e-spec.ts.
      details: { douyinPrivacyAgreement: 'not_checked' },
    });
  });

  it('an unknown route gets the error envelope with a request id, also in a header', async () => {
    const response = await fetch(`${running.baseUrl}/no-such-route`);
    expect(response.status).toBe(404);
    const body = ZErrorEnvelope.parse(await response.json());
    expect(body.error.code).toBe('NOT_FOUND');
    expect(response.headers.get('x-request-id')).toBe(body.error.requestId);
  });

  it('keeps a well-formed client request id and replaces a hostile one', async () => {
    const kept = await fetch(`${running.baseUrl}/health`, { headers: { 'x-request-id': 'trace-1234-abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-1234-abcd');
    const replaced = await fetch(`${running.baseUrl}/health`, { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('readiness when the database is not usable', () => {
  it('is 503 NOT_READY listing pending migrations on an unmigrated database', async () => {
    const scratch = await createScratchDatabase('ready');
    const running = await startApp({ DATABASE_URL: scratch.url });
    try {
      const response = await fetch(`${running.baseUrl}/ready`);
      expect(response.status).toBe(503);
      const body = ZErrorEnvelope.parse(await response.json());
      expect(body.error.code).toBe('NOT_READY');
      expect(body.error.details).toMatchObject({
        checks: { database: 'ok', migrations: 'failing' },
        pendingMigrations: expect.arrayContaining([expect.stringMatching(/_init$/)]),
      });
    } finally {
      await running.close();
      await scratch.drop();
    }
  });

  it('is 503 NOT_READY when the database is unreachable, while /health stays 200', async () => {
    const running = await startApp({ DATABASE_URL: 'postgresql://nobody:pw@127.0.0.1:1/none' });
    try {
      const ready = await fetch(`${running.baseUrl}/ready`);
      expect(ready.status).toBe(503);
      const body = ZErrorEnvelope.parse(await ready.json());
      expect(body.error).toMatchObject({ code: 'NOT_READY', details: { checks: { database: 'failing' } } });
      expect(JSON.stringify(body)).not.toContain('pw@');
      expect((await fetch(`${running.baseUrl}/health`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
