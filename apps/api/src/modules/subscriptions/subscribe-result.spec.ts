import { ZSubscribeResult } from '@douyin-kit/contracts';
import { reportedDecisions } from './subscribe-result.js';

const ASKED = ['MSG_A', 'MSG_B', 'MSG_C'];
const parse = (result: unknown, asked: readonly string[] = ASKED) => reportedDecisions(ZSubscribeResult.parse(result), asked);
const notice = [{ reminderType: 'message_notice', reminderStatus: 'accept' }];
const ok = 'requestSubscribeMessage:ok';

describe('reportedDecisions', () => {
  it('reads the legacy map: statuses only, nothing said about alwaysSubscribe or reminder ways', () => {
    expect(parse({ errMsg: ok, MSG_A: 'accept', MSG_B: 'ban' })).toEqual([
      { templateId: 'MSG_A', status: 'accept' },
      { templateId: 'MSG_B', status: 'ban' },
    ]);
  });

  it('reads templateSettings alone, with alwaysSubscribe and reminder ways', () => {
    const result = {
      errMsg: ok,
      templateSettings: { MSG_A: { status: 'limit', alwaysSubscribe: true, allowReminderWay: notice }, MSG_B: { status: 'repeat' } },
    };
    expect(parse(result)).toEqual([
      { templateId: 'MSG_A', status: 'limit', alwaysSubscribe: true, reminderWays: notice },
      { templateId: 'MSG_B', status: 'repeat' },
    ]);
  });

  it("reads a real Android device's answer: itemSettings beside the legacy keys (the seed's sample)", () => {
    const android = { MSG_A: 'accept', itemSettings: { MSG_A: 'accept' }, errMsg: ok };
    expect(parse(android)).toEqual([{ templateId: 'MSG_A', status: 'accept' }]);
    expect(parse({ errMsg: ok, itemSettings: { MSG_B: 'reject' } })).toEqual([{ templateId: 'MSG_B', status: 'reject' }]);
  });

  it('takes templateSettings over itemSettings over the legacy key, per template', () => {
    const result = {
      errMsg: ok,
      MSG_A: 'accept',
      MSG_B: 'accept',
      MSG_C: 'accept',
      itemSettings: { MSG_A: 'reject', MSG_B: 'reject' },
      templateSettings: { MSG_A: { status: 'repeat', alwaysSubscribe: false, allowReminderWay: notice } },
    };
    expect(parse(result)).toEqual([
      { templateId: 'MSG_A', status: 'repeat', alwaysSubscribe: false, reminderWays: notice },
      { templateId: 'MSG_B', status: 'reject' },
      { templateId: 'MSG_C', status: 'accept' },
    ]);
  });

  it('ignores what is not a known status of an asked-for template, falling back to the next shape', () => {
    const result = {
      errMsg: ok,
      MSG_A: 'accept',
      MSG_B: 'filter', // a status this API does not know
      MSG_X: 'accept', // not asked for
      itemSettings: { MSG_A: { nested: true }, MSG_X: 'accept' },
      templateSettings: { MSG_A: { status: 'unknown' }, MSG_C: 'accept', MSG_X: { status: 'accept' } },
      newHostField: { anything: [1, 2, 3] },
    };
    expect(parse(result)).toEqual([{ templateId: 'MSG_A', status: 'accept' }]);
  });

  it('keeps a valid templateSettings status whose other fields are malformed, without them', () => {
    const result = { errMsg: ok, templateSettings: { MSG_A: { status: 'accept', alwaysSubscribe: 'yes', allowReminderWay: [{ reminderType: 1 }] } } };
    expect(parse(result)).toEqual([{ templateId: 'MSG_A', status: 'accept' }]);
  });

  it('tolerates settings maps that are not objects, and never reads inherited keys', () => {
    expect(parse({ errMsg: ok, MSG_A: 'ban', itemSettings: null, templateSettings: ['accept'] })).toEqual([{ templateId: 'MSG_A', status: 'ban' }]);
    expect(parse({ errMsg: ok, itemSettings: {} }, ['toString', 'constructor'])).toEqual([]);
  });

  it('reports nothing for a result with no template ticked', () => {
    expect(parse({ errMsg: ok })).toEqual([]);
    expect(parse({ errMsg: ok, templateSettings: {}, itemSettings: {} })).toEqual([]);
  });
});
