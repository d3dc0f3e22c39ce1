import { ZAddressRequest, ZDeviceRequest, ZLocationRequest } from './index.js';

const systemInfo = {
  system: 'iOS 17.2',
  platform: 'ios',
  brand: 'iPhone',
  model: 'iPhone 15 Pro',
  version: '32.5.0',
  appName: 'Douyin',
  SDKVersion: '3.60.0',
  screenWidth: 393,
  screenHeight: 852,
  pixelRatio: 3,
  errMsg: 'getSystemInfo:ok',
};

describe('ZDeviceRequest', () => {
  it('keeps unknown host fields of plain, bounded JSON', () => {
    const parsed = ZDeviceRequest.parse({ ...systemInfo, theme: 'dark', fontSizeSetting: 16, host: { name: 'aweme', flags: [1, 2] } });
    expect(parsed).toMatchObject({ theme: 'dark', fontSizeSetting: 16, host: { name: 'aweme', flags: [1, 2] } });
  });

  it('refuses long strings, deep nesting, too many fields and non-finite numbers', () => {
    expect(ZDeviceRequest.safeParse({ ...systemInfo, note: 'x'.repeat(257) }).success).toBe(false);
    expect(ZDeviceRequest.safeParse({ ...systemInfo, deep: [[[1]]] }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}`, i]));
    expect(ZDeviceRequest.safeParse({ ...systemInfo, ...many }).success).toBe(false);
    expect(ZDeviceRequest.safeParse({ ...systemInfo, pixelRatio: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(ZDeviceRequest.safeParse({ ...systemInfo, odd: Number.NaN }).success).toBe(false);
  });
});

describe('ZAddressRequest', () => {
  const address = {
    userName: '张三',
    telNumber: '13800000000',
    provinceName: '广东省',
    cityName: '东莞市',
    countyName: '',
    detailInfo: '莞城街道 1 号',
  };

  it('accepts an empty county and drops fields it does not know', () => {
    const parsed = ZAddressRequest.parse({ ...address, errMsg: 'chooseAddress:ok', postalCode: '523000', somethingNew: 1 });
    expect(parsed).not.toHaveProperty('somethingNew');
    expect(parsed.countyName).toBe('');
  });
});

describe('ZLocationRequest', () => {
  it('bounds latitude and longitude', () => {
    expect(ZLocationRequest.safeParse({ latitude: 90, longitude: -180 }).success).toBe(true);
    expect(ZLocationRequest.safeParse({ latitude: -90.01, longitude: 0 }).success).toBe(false);
    expect(ZLocationRequest.safeParse({ latitude: 0, longitude: 180.01 }).success).toBe(false);
  });
});
