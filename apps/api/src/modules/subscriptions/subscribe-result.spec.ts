import { ZSubscribeResult } from '@douyin-kit/contracts';
import { reportedDecisions } from './subscribe-result.js';

const parse = (result: unknown) => reportedDecisions(ZSubscribeResult.parse(result));
const notice = [{ reminderType: 'message_notice', reminderStatus: 'accept' }];

describe('reportedDecisions', () => {
  it('reads the legacy map: statuses only, nothing said about alwaysSubscribe or reminder ways', () => {
    expect(parse({ errMsg: 'requestSubscribeMessage:ok', MSG_A: 'accept', MSG_B: 'ban' })).toEqual([
      { templateId: 'MSG_A', status: 'accept' },
      { templateId: 'MSG_B', status: 'ban' },
    ]);
  });

  it('reads templateSettings alone, with alwaysSubscribe and reminder ways', () => {
    const result = {
      errMsg: 'requestSubscribeMessage:ok',
      templateSettings: { MSG_A: { status: 'limit', alwaysSubscribe: true, allowReminderWay: notice }, MSG_B: { status: 'repeat' } },
    };
    expect(parse(result)).toEqual([
      { templateId: 'MSG_A', status: 'limit', alwaysSubscribe: true, reminderWays: notice },
      { templateId: 'MSG_B', status: 'repeat' },
    ]);
  });

  it('lists a template once when both shapes report it, templateSettings winning', () => {
    const result = {
      errMsg: 'requestSubscribeMessage:ok',
      MSG_A: 'accept',
      MSG_B: 'reject',
      templateSettings: { MSG_A: { status: 'repeat', alwaysSubscribe: false, allowReminderWay: notice }, MSG_C: { status: 'accept' } },
    };
    expect(parse(result)).toEqual([
      { templateId: 'MSG_A', status: 'repeat', alwaysSubscribe: false, reminderWays: notice },
      { templateId: 'MSG_B', status: 'reject' },
      { templateId: 'MSG_C', status: 'accept' },
    ]);
  });

  it('reports nothing for a result with no template ticked', () => {
    expect(parse({ errMsg: 'requestSubscribeMessage:ok' })).toEqual([]);
    expect(parse({ errMsg: 'requestSubscribeMessage:ok', templateSettings: {} })).toEqual([]);
  });
});
