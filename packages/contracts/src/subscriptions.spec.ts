import { ZSubscriptionRequest } from './index.js';

const legacy = { errMsg: 'requestSubscribeMessage:ok', MSG_A: 'accept', MSG_B: 'reject' };
const request = (fields: Record<string, unknown> = {}) => ({ requestId: 'req-0001', templateIds: ['MSG_A', 'MSG_B'], result: legacy, ...fields });
const issuePaths = (body: unknown) => {
  const parsed = ZSubscriptionRequest.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('ZSubscriptionRequest', () => {
  it('accepts the legacy map, templateSettings, or both', () => {
    const templateSettings = {
      MSG_A: { status: 'limit', alwaysSubscribe: true, allowReminderWay: [{ reminderType: 'message_notice', reminderStatus: 'accept' }] },
    };
    expect(issuePaths(request())).toEqual([]);
    expect(issuePaths(request({ result: { errMsg: 'requestSubscribeMessage:ok', templateSettings } }))).toEqual([]);
    expect(issuePaths(request({ result: { ...legacy, templateSettings } }))).toEqual([]);
  });

  it("accepts a real Android device's answer (itemSettings beside the legacy keys) and any field a host adds", () => {
    // The seed's sample, ids shortened.
    const android = { MSG_A: 'accept', itemSettings: { MSG_A: 'accept' }, errMsg: 'requestSubscribeMessage:ok' };
    expect(issuePaths(request({ result: android }))).toEqual([]);
    const future = { ...legacy, itemSettings: null, templateSettings: [1], newFlag: true, nested: { deep: [{}] }, MSG_A: 'filter', MSG_C: 'accept' };
    expect(issuePaths(request({ result: future }))).toEqual([]);
  });

  it('refuses a failed call, and a result past the bounds', () => {
    expect(issuePaths(request({ result: { errMsg: 'requestSubscribeMessage:fail cancel' } }))).toEqual(['result.errMsg']);
    expect(issuePaths(request({ result: { MSG_A: 'accept' } }))).toEqual(['result.errMsg']);
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`K${i}`, 'accept']));
    expect(issuePaths(request({ result: { ...legacy, ...many } }))).toEqual(['result']);
    expect(issuePaths(request({ result: { ...legacy, ['x'.repeat(129)]: 1 } }))).toEqual(['result']);
  });

  it('takes 1 to 3 distinct template ids and a client request id', () => {
    expect(issuePaths(request({ templateIds: [] }))).toContain('templateIds');
    expect(issuePaths(request({ templateIds: ['MSG_A', 'MSG_B', 'C', 'D'] }))).toEqual(['templateIds']);
    expect(issuePaths(request({ templateIds: ['MSG_A', 'MSG_A', 'MSG_B'] }))).toEqual(['templateIds']);
    expect(issuePaths(request({ templateIds: ['MSG_A', 'errMsg'] }))).toContain('templateIds.1');
    expect(issuePaths(request({ templateIds: ['MSG_A', 'itemSettings'] }))).toContain('templateIds.1');
    expect(issuePaths(request({ requestId: undefined }))).toEqual(['requestId']);
  });
});
