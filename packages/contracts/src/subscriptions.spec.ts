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

  it('refuses ids the app did not ask for, statuses outside the enum and a failed call', () => {
    expect(issuePaths(request({ templateIds: ['MSG_A'] }))).toEqual(['result.MSG_B']);
    expect(issuePaths(request({ result: { errMsg: 'requestSubscribeMessage:ok', templateSettings: { MSG_C: { status: 'accept' } } } }))).toEqual([
      'result.templateSettings.MSG_C',
    ]);
    expect(issuePaths(request({ result: { ...legacy, MSG_A: 'filter' } }))).toEqual(['result.MSG_A']);
    expect(issuePaths(request({ result: { errMsg: 'requestSubscribeMessage:fail cancel' } }))).toEqual(['result.errMsg']);
  });

  it('takes 1 to 3 distinct template ids and a client request id', () => {
    expect(issuePaths(request({ templateIds: [] }))).toContain('templateIds');
    expect(issuePaths(request({ templateIds: ['MSG_A', 'MSG_B', 'C', 'D'] }))).toEqual(['templateIds']);
    expect(issuePaths(request({ templateIds: ['MSG_A', 'MSG_A', 'MSG_B'] }))).toEqual(['templateIds']);
    expect(issuePaths(request({ templateIds: ['MSG_A', 'errMsg'] }))).toContain('templateIds.1');
    expect(issuePaths(request({ requestId: undefined }))).toEqual(['requestId']);
  });
});
