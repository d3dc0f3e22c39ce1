import { addressFingerprint, cleanAddress } from './address-fingerprint.js';

const address = {
  userName: '张三',
  telNumber: '13800000000',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '文三路 1 号 A 座',
};
const fingerprint = (fields: Partial<typeof address> = {}) => addressFingerprint(cleanAddress({ ...address, ...fields }));

describe('cleanAddress', () => {
  it('trims and collapses whitespace and turns a full-width phone number into ASCII', () => {
    expect(cleanAddress({ ...address, userName: '  张三 ', detailInfo: '文三路\t1 号\n\nA 座', telNumber: '１３８　0000 0000' })).toEqual({
      ...address,
      telNumber: '138 0000 0000',
    });
  });
});

describe('addressFingerprint', () => {
  it('is a 64-character hex key', () => {
    expect(fingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats spacing, case, full-width forms and phone separators as the same address', () => {
    const key = fingerprint();
    expect(fingerprint({ detailInfo: '  文三路  1 号 a 座 ' })).toBe(key);
    expect(fingerprint({ detailInfo: '文三路 １ 号 Ａ 座' })).toBe(key);
    expect(fingerprint({ telNumber: '１３８００００００００' })).toBe(key);
    expect(fingerprint({ telNumber: '138-0000-0000' })).toBe(key);
    expect(fingerprint({ telNumber: '+86 138 0000 0000' })).toBe(key);
  });

  it('tells different addresses apart, field by field', () => {
    const key = fingerprint();
    for (const change of [
      { userName: '李四' },
      { telNumber: '13800000001' },
      { provinceName: '江苏省' },
      { cityName: '宁波市' },
      { countyName: '' },
      { detailInfo: '文三路 2 号 A 座' },
    ]) {
      expect([change, fingerprint(change)]).not.toEqual([change, key]);
    }
  });

  it('does not let one field run into the next', () => {
    expect(fingerprint({ provinceName: '浙江省杭州市', cityName: '' })).not.toBe(fingerprint({ provinceName: '浙江省', cityName: '杭州市' }));
  });
});
