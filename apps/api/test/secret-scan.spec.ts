// The scan of the test apps' logs and responses (test-infra), which the whole e2e run relies on.
import { findKnown } from '@douyin-kit/test-infra/secret-scan';

describe('findKnown', () => {
  const phone: [string, string] = ['phoneNumber', '12345678901'];
  const token: [string, string] = ['clientToken', 'clt.abcdefgh123'];

  it('finds a known value wherever it sits in the text', () => {
    expect(findKnown('{"phone":"12345678901"}', [phone])).toEqual([phone]);
    expect(findKnown('tel:12345678901,', [phone])).toEqual([phone]);
    // With the country code in front, it is still the phone number.
    expect(findKnown('{"phone":"+8612345678901"}', [phone])).toEqual([phone]);
    expect(findKnown('x=clt.abcdefgh123456', [token])).toEqual([token]);
  });

  it('does not take a number longer than any phone number for one that it contains', () => {
    expect(findKnown('{"cpu":123456789012345680000}', [phone])).toEqual([]);
    expect(findKnown('{"n":9123456789012345}', [phone])).toEqual([]);
  });
});
