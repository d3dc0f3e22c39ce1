import { parseRawProfile, readProfileFields, sameProfile } from './profile-fields.js';

describe('readProfileFields', () => {
  it('maps getUserProfile names to columns', () => {
    expect(
      readProfileFields({
        nickName: '小明',
        avatarUrl: 'https://a/b.png',
        gender: 2,
        city: '杭州',
        province: '浙江',
        country: '中国',
        language: 'zh_CN',
      }),
    ).toEqual({ nickname: '小明', avatarUrl: 'https://a/b.png', gender: 2, city: '杭州', province: '浙江', country: '中国', language: 'zh_CN' });
  });

  it('stores blanks, wrong types and unknown genders as null', () => {
    expect(readProfileFields({ nickName: '  ', avatarUrl: 7, gender: 3, city: '' })).toEqual({
      nickname: null,
      avatarUrl: null,
      gender: null,
      country: null,
      province: null,
      city: null,
      language: null,
    });
    expect(readProfileFields({ gender: 0 }).gender).toBe(0);
  });

  it('cuts long text at the column size without splitting an emoji, and drops an avatar URL that does not fit', () => {
    const fields = readProfileFields({ nickName: '😀'.repeat(200), avatarUrl: `https://a/${'x'.repeat(1100)}` });
    expect(Array.from(fields.nickname!)).toHaveLength(128);
    expect(fields.nickname!.endsWith('😀')).toBe(true);
    expect(fields.avatarUrl).toBeNull();
  });
});

describe('parseRawProfile', () => {
  it('reads a JSON object and nothing else', () => {
    expect(parseRawProfile('{"nickName":"小明"}')).toEqual({ nickName: '小明' });
    for (const raw of ['', 'null', '[]', '"x"', '{"nickName":']) expect(parseRawProfile(raw)).toBeNull();
  });
});

describe('sameProfile', () => {
  const raw = { nickName: '小明', avatarUrl: 'https://a/b.png', gender: 1, city: '杭州', province: '浙江', country: '中国', language: 'zh_CN' };

  it('accepts the decrypted copy of rawData, whatever its watermark or extra fields', () => {
    expect(sameProfile(raw, { ...raw, watermark: { appid: 'tt', timestamp: 1 }, extra: 1 })).toBe(true);
  });

  it('refuses any stored field that differs, is missing or changed type', () => {
    for (const key of Object.keys(raw) as (keyof typeof raw)[]) {
      expect([key, sameProfile(raw, { ...raw, [key]: '抖音官方客服' })]).toEqual([key, false]);
      const { [key]: _, ...without } = raw;
      expect([key, sameProfile(raw, without)]).toEqual([key, false]);
    }
    expect(sameProfile(raw, { ...raw, gender: '1' })).toBe(false);
  });
});
