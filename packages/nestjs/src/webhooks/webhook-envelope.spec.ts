import { reachFailureOf, readWebhookEnvelope, subscribeActionOf, webhookChallengeOf } from './webhook-envelope.js';

describe('readWebhookEnvelope', () => {
  it('reads the documented shape, content serialized as a string', () => {
    const envelope = readWebhookEnvelope({
      event: 'user_subscribe_action',
      client_key: 'tt5daf2b12c2857',
      from_user_id: '1293498361587',
      content: '{"msg_id":"MSG3512","time":1714029835,"subscribe_action":1}',
      log_id: 'L1',
    });
    expect(envelope).toEqual({
      event: 'user_subscribe_action',
      clientKey: 'tt5daf2b12c2857',
      fromUserId: '1293498361587',
      contentText: '{"msg_id":"MSG3512","time":1714029835,"subscribe_action":1}',
      content: { msg_id: 'MSG3512', time: 1714029835, subscribe_action: 1 },
      logId: 'L1',
    });
    expect(subscribeActionOf(envelope!.content)).toEqual({ templateId: 'MSG3512', action: 1, at: new Date(1714029835 * 1000) });
  });

  it('takes content as an object too (the verify_webhook example), and an unreadable one as empty', () => {
    const verify = readWebhookEnvelope({ event: 'verify_webhook', client_key: '', content: { challenge: 12345 } });
    expect(webhookChallengeOf(verify!)).toBe(12345);
    expect(readWebhookEnvelope({ event: 'x', content: 'not json' })).toMatchObject({ content: {}, contentText: 'not json' });
    expect(readWebhookEnvelope({ event: 'x', content: 7, from_user_id: 5 })).toMatchObject({
      content: {},
      contentText: undefined,
      fromUserId: undefined,
    });
  });

  it('is undefined for anything that is not an event', () => {
    for (const body of [null, [], 'x', {}, { event: 1 }, { event: '' }, { event: 'e'.repeat(65) }]) expect(readWebhookEnvelope(body)).toBeUndefined();
  });
});

describe('event contents', () => {
  it('accepts subscribe_action 1 to 4 (number or numeric string) and nothing else', () => {
    expect(subscribeActionOf({ msg_id: 'M', subscribe_action: '4' })).toEqual({ templateId: 'M', action: 4 });
    for (const action of [0, 5, 1.5, null, 'x']) expect(subscribeActionOf({ msg_id: 'M', subscribe_action: action })).toBeUndefined();
    expect(subscribeActionOf({ subscribe_action: 1 })).toBeUndefined();
  });

  it('reads the reach-failure reason under `reason` (the example) or `Reason` (the table)', () => {
    expect(reachFailureOf({ msg_id: 'M', reason: 24, time: 1716521354 })).toEqual({ templateId: 'M', reason: 24, at: new Date(1716521354000) });
    expect(reachFailureOf({ msg_id: 'M', Reason: 102 })).toEqual({ templateId: 'M', reason: 102 });
    expect(reachFailureOf({ msg_id: 'M' })).toBeUndefined();
  });

  it('echoes a numeric or short string challenge only', () => {
    expect(webhookChallengeOf(readWebhookEnvelope({ event: 'verify_webhook', content: '{"challenge":"abc"}' })!)).toBe('abc');
    expect(webhookChallengeOf(readWebhookEnvelope({ event: 'verify_webhook', content: { challenge: { a: 1 } } })!)).toBeUndefined();
  });
});
