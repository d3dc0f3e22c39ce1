import { readProfileFields } from './profile-fields.js';

describe('readProfileFields', () => {
  it('maps getUserProfile names to columns', () => {
    expect(
      readProfileFields({ nickName: '小明', avatarUrl: 'https://a/b.png', gender: 2, city: '杭州', province: '浙江', country: '中国', language: 'zh_CN' }),
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
