import { ZPhoneRequest, ZProfileRequest } from './index.js';

describe('ZPhoneRequest', () => {
  it('takes the old flow or the new one', () => {
    expect(ZPhoneRequest.safeParse({ encryptedData: 'e', iv: 'i' }).success).toBe(true);
    expect(ZPhoneRequest.safeParse({ code: 'c' }).success).toBe(true);
  });

  it('refuses both at once, half of the old flow, a blank code and unknown fields', () => {
    for (const body of [{}, { encryptedData: 'e', iv: 'i', code: 'c' }, { encryptedData: 'e' }, { code: ' ' }, { code: 'c', errMsg: 'ok' }]) {
      expect([body, ZPhoneRequest.safeParse(body).success]).toEqual([body, false]);
    }
  });
});

describe('ZProfileRequest', () => {
  const body = { rawData: '{"nickName":"x"}', signature: 'a'.repeat(40), encryptedData: 'e', iv: 'i' };

  it('keeps base64 fields as sent (a space where a + was must reach the server)', () => {
    expect(ZProfileRequest.parse({ ...body, encryptedData: 'ab cd' }).encryptedData).toBe('ab cd');
  });

  it('refuses missing fields, unknown fields and oversized values', () => {
    expect(ZProfileRequest.safeParse({ ...body, iv: undefined }).success).toBe(false);
    expect(ZProfileRequest.safeParse({ ...body, userInfo: {} }).success).toBe(false);
    expect(ZProfileRequest.safeParse({ ...body, encryptedData: 'A'.repeat(8193) }).success).toBe(false);
  });
});
