import { findUnstorableText } from './storable-text.js';

describe('findUnstorableText', () => {
  it('passes what PostgreSQL stores: any text, emoji (paired surrogates), numbers, nesting', () => {
    expect(findUnstorableText({ name: '张三 😀', n: 1, list: ['a', { b: 'c' }], none: null })).toBeNull();
  });

  it('names the field holding U+0000 or an unpaired surrogate, keys included', () => {
    expect(findUnstorableText({ a: 'ok', b: 'x\u0000y' })).toEqual(['b']);
    expect(findUnstorableText({ list: ['ok', '\ud800'] })).toEqual(['list', '1']);
    expect(findUnstorableText({ nested: { 'end\udc00': 1 } })).toEqual(['nested']);
    expect(findUnstorableText('\udfff\ud800')).toEqual([]);
  });
});
