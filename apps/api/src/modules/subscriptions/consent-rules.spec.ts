import type { TConsentStatus } from '@douyin-kit/contracts';
import { consentEventId } from './consent-event-id.js';
import { consentChange } from './consent-rules.js';

const change = (status: TConsentStatus, kind: 'one_time' | 'long_term') => consentChange({ templateId: 'MSG', status }, kind);

describe('consentChange (credit rules)', () => {
  it('grants one send per one-time accept, none for a long-term accept', () => {
    expect(change('accept', 'one_time')).toMatchObject({ status: 'accept', credits: 'grant-one', overwrites: true });
    expect(change('accept', 'long_term')).toMatchObject({ status: 'accept', credits: 'keep', overwrites: true });
  });

  it('keeps granted sends on reject and takes them all on ban', () => {
    for (const kind of ['one_time', 'long_term'] as const) {
      expect(change('reject', kind)).toMatchObject({ status: 'reject', credits: 'keep', overwrites: true });
      expect(change('ban', kind)).toMatchObject({ status: 'ban', credits: 'revoke-all', overwrites: true });
    }
  });

  it('lets fail, repeat and limit start a state but never overwrite a decision or touch credits', () => {
    for (const status of ['fail', 'repeat', 'limit'] as const) {
      expect(change(status, 'one_time')).toMatchObject({ status, credits: 'keep', overwrites: false });
    }
  });

  it('takes the kind given (the registry), and carries alwaysSubscribe and reminder ways only when reported', () => {
    const ways = [{ reminderType: 'message_notice', reminderStatus: 'accept' }];
    expect(consentChange({ templateId: 'MSG', status: 'accept', alwaysSubscribe: true, reminderWays: ways }, 'long_term')).toEqual({
      status: 'accept',
      kind: 'long_term',
      alwaysSubscribe: true,
      reminderWays: ways,
      credits: 'keep',
      overwrites: true,
    });
    expect(change('accept', 'one_time')).not.toHaveProperty('alwaysSubscribe');
    expect(change('accept', 'one_time')).not.toHaveProperty('reminderWays');
  });
});

describe('consentEventId', () => {
  it('is a stable UUID per user, request and template', () => {
    const id = consentEventId('user-1', 'req-1', 'MSG');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(consentEventId('user-1', 'req-1', 'MSG')).toBe(id);
    const others = [consentEventId('user-2', 'req-1', 'MSG'), consentEventId('user-1', 'req-2', 'MSG'), consentEventId('user-1', 'req-1', 'MSG2')];
    expect(new Set([id, ...others]).size).toBe(4);
  });
});
