import { describe, expect, it } from 'vitest';
import { normalizeEnvelope } from './envelope.js';

describe('normalizeEnvelope', () => {
  it('reads a v2 success envelope', () => {
    const body = { err_no: 0, err_tips: 'success', data: { access_token: 'x', expires_in: 7200 } };
    expect(normalizeEnvelope(body)).toEqual({ errNo: 0, message: 'success', logId: undefined, data: body.data });
  });

  it('reads the v1 notify success: err_no 0 with empty tips, no data', () => {
    const body = { err_no: 0, err_tips: '' };
    expect(normalizeEnvelope(body)).toEqual({ errNo: 0, message: '', logId: undefined, data: body });
  });

  it("keeps jscode2session's top-level log_id on a success", () => {
    const env = normalizeEnvelope({ err_no: 0, err_tips: 'success', data: { openid: 'o' }, log_id: '20261206X' });
    expect(env).toMatchObject({ errNo: 0, logId: '20261206X', data: { openid: 'o' } });
  });

  it('reads a v2 error envelope with empty data', () => {
    const env = normalizeEnvelope({ err_no: 40017, err_tips: 'bad secret', data: { access_token: '', expires_in: 0 } });
    expect(env).toMatchObject({ errNo: 40017, message: 'bad secret' });
  });

  it('reads a v1 flat envelope (errcode/errmsg), whose payload is the body itself', () => {
    const body = { errcode: 40018, errmsg: 'bad code', error: 1, message: 'x' };
    expect(normalizeEnvelope(body)).toEqual({ errNo: 40018, message: 'bad code', logId: undefined, data: body });
  });

  it('reads an oauth envelope from data.error_code and data.description', () => {
    const env = normalizeEnvelope({
      data: { access_token: '', description: 'client_key wrong', error_code: 10013, expires_in: 0 },
      message: 'error',
      extra: { logid: 'L-1' },
    });
    expect(env).toMatchObject({ errNo: 10013, message: 'client_key wrong', logId: 'L-1' });
  });

  it('reads an oauth success', () => {
    const env = normalizeEnvelope({ data: { access_token: 'clt.1', description: '', error_code: 0, expires_in: 7200 }, message: 'success' });
    expect(env).toMatchObject({ errNo: 0, message: 'success' });
  });

  it('reads an open API envelope with log_id', () => {
    const env = normalizeEnvelope({ err_no: 28001008, err_msg: 'access_token expired', log_id: '2024X' });
    expect(env).toMatchObject({ errNo: 28001008, message: 'access_token expired', logId: '2024X' });
  });

  it('takes the first present field in the documented order', () => {
    expect(normalizeEnvelope({ errno: 5, error: 6 })?.errNo).toBe(5);
    expect(normalizeEnvelope({ err_no: '28014001', errcode: 1 })?.errNo).toBe(28014001);
    expect(normalizeEnvelope({ err_msg: 'a', err_tips: 'b', errmsg: 'c', description: 'd' })?.message).toBe('a');
  });

  it('ignores a textual `error` and treats a body without any error field as success', () => {
    expect(normalizeEnvelope({ error: 'invalid_request', errmsg: 'm' })?.errNo).toBe(0);
    expect(normalizeEnvelope({ foo: 1 })?.errNo).toBe(0);
  });

  it('refuses bodies that are not JSON objects', () => {
    expect(normalizeEnvelope(undefined)).toBeUndefined();
    expect(normalizeEnvelope([1])).toBeUndefined();
    expect(normalizeEnvelope('ok')).toBeUndefined();
  });
});
