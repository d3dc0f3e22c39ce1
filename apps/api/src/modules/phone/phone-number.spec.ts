import { AppError } from '../../core/errors/app-error.js';
import { maskPhoneNumber, toValidPhoneNumber } from './phone-number.js';

function refusal(countryCode: unknown, purePhoneNumber: unknown): AppError | undefined {
  try {
    toValidPhoneNumber({ countryCode, purePhoneNumber });
    return undefined;
  } catch (error) {
    return error as AppError;
  }
}

describe('toValidPhoneNumber', () => {
  it('accepts a mainland mobile number and gives E.164 and the mask', () => {
    expect(toValidPhoneNumber({ countryCode: '86', purePhoneNumber: '13812345678' })).toEqual({
      countryCode: '86',
      e164: '+8613812345678',
      masked: '138****5678',
    });
  });

  it('holds mainland numbers to 11 digits starting 13–19', () => {
    for (const good of ['13000000000', '19999999999']) expect(refusal('86', good)).toBeUndefined();
    for (const bad of ['12345678901', '10000000000', '1381234567', '138123456789', '2381234567a', '+8613812345678', '']) {
      expect([bad, refusal('86', bad)?.code]).toEqual([bad, 'PHONE_NUMBER_INVALID']);
    }
  });

  it('holds other countries to 4–15 digits', () => {
    expect(refusal('852', '1234')).toBeUndefined();
    expect(refusal('1', '123456789012345')).toBeUndefined();
    for (const bad of ['123', '1234567890123456', '1234-5678', ' 12345678']) {
      expect([bad, refusal('852', bad)?.code]).toEqual([bad, 'PHONE_NUMBER_INVALID']);
    }
  });

  it('needs a country code of 1–4 digits without a leading zero', () => {
    expect(refusal('1234', '12345678')).toBeUndefined();
    for (const bad of ['', '12345', '+86', '086', '0', 86, undefined]) {
      expect(refusal(bad, '13812345678')?.code).toBe('PHONE_NUMBER_INVALID');
    }
  });

  it('never puts the number in the error', () => {
    const error = refusal('86', '12345678901')!;
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('12345678901');
  });
});

describe('maskPhoneNumber', () => {
  it('shows 3 + 4 digits of 11 or more, a quarter at each end of shorter ones', () => {
    expect(maskPhoneNumber('13812345678')).toBe('138****5678');
    expect(maskPhoneNumber('123456789012345')).toBe('123****2345');
    expect(maskPhoneNumber('1234567890')).toBe('12****90');
    expect(maskPhoneNumber('91234567')).toBe('91****67');
    expect(maskPhoneNumber('1234')).toBe('1****4');
  });
});
