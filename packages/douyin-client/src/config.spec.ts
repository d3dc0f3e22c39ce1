import { describe, expect, it } from 'vitest';
import { DouyinClient } from './client.js';
import { DEFAULT_BASE_URLS, resolveBaseUrls } from './config.js';
import type { DouyinTransport, TransportRequest } from './transport/transport.js';

describe('base URLs', () => {
  it('defaults to the production hosts', () => {
    expect(resolveBaseUrls({ appId: 'a', appSecret: 's' })).toEqual(DEFAULT_BASE_URLS);
  });

  it('lets one family be overridden', () => {
    expect(resolveBaseUrls({ appId: 'a', appSecret: 's', baseUrls: { open: 'http://127.0.0.1:9' } })).toEqual({
      ...DEFAULT_BASE_URLS,
      open: 'http://127.0.0.1:9',
    });
  });

  it('points every family at one origin with baseUrl', () => {
    expect(resolveBaseUrls({ appId: 'a', appSecret: 's', baseUrl: 'http://127.0.0.1:9' })).toEqual({
      apps: 'http://127.0.0.1:9',
      open: 'http://127.0.0.1:9',
      sandbox: 'http://127.0.0.1:9',
    });
  });

  it('useSandbox sends the legacy-host calls to the sandbox family only', async () => {
    const sent: TransportRequest[] = [];
    const transport: DouyinTransport = {
      async send(req) {
        sent.push(req);
        return { status: 200, body: JSON.stringify({ err_no: 0, data: { access_token: 't', expires_in: 7200, error_code: 0 } }) };
      },
    };
    const client = new DouyinClient({ appId: 'a', appSecret: 's', useSandbox: true, transport });
    await client.getAppAccessToken();
    await client.getClientToken();
    expect(sent.map((r) => r.family)).toEqual(['sandbox', 'open']);
  });
});
