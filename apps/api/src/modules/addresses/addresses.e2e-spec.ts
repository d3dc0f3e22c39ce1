import { MAX_ADDRESSES_PER_USER, ZAddress, ZAddressList, ZErrorEnvelope, type TAddress } from '@douyin-kit/contracts';
import { startApp, type RunningApp } from '../../../test/create-app.js';
import { signUp, type ApiUser } from '../../../test/api-user.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

const home = {
  userName: '张三',
  telNumber: '13800000000',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '文三路 1 号',
};

async function saveAddress(session: ApiUser, address: object): Promise<TAddress> {
  const response = await session.request('POST', '/me/addresses', address);
  expect(response.status).toBe(200);
  return ZAddress.parse(response.body);
}

async function listAddresses(session: ApiUser): Promise<TAddress[]> {
  const response = await session.request('GET', '/me/addresses');
  expect(response.status).toBe(200);
  return ZAddressList.parse(response.body).addresses;
}

function errorOf(body: unknown) {
  return ZErrorEnvelope.parse(body).error;
}

function issuePaths(body: unknown): string[] {
  const error = errorOf(body);
  expect(error.code).toBe('VALIDATION_FAILED');
  return (error.details as { issues: { path: string }[] }).issues.map((issue) => issue.path);
}

describe('/me/addresses', () => {
  it("stores chooseAddress's result as is and lists it", async () => {
    const alice = await signUp(running);
    const chosen = await alice.tt.chooseAddress();
    const saved = await saveAddress(alice, chosen);

    const { errMsg: _errMsg, ...fields } = chosen;
    expect(saved).toMatchObject(fields);
    expect(Object.keys(saved).sort()).toEqual([...Object.keys(fields), 'createdAt', 'id'].sort());
    expect(await listAddresses(alice)).toEqual([saved]);
  });

  it('returns the stored address for the same address in other spacing, case and digit widths', async () => {
    const alice = await signUp(running);
    const first = await saveAddress(alice, { ...home, detailInfo: '文三路 1 号 A 座' });
    const again = await saveAddress(alice, {
      ...home,
      userName: ' 张三 ',
      telNumber: '１３８-0000-0000',
      detailInfo: '文三路  1 号 a 座',
      postalCode: '310000',
      errMsg: 'chooseAddress:ok',
    });

    expect(again).toEqual(first);
    expect(await listAddresses(alice)).toEqual([first]);
  });

  it('stores one row for concurrent duplicates', async () => {
    const alice = await signUp(running);
    const address = { ...home, detailInfo: `并发路 ${crypto.randomUUID()}` };
    const responses = await Promise.all(Array.from({ length: 8 }, () => alice.request('POST', '/me/addresses', address)));

    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    const ids = new Set(responses.map((r) => ZAddress.parse(r.body).id));
    expect(ids.size).toBe(1);
    expect((await listAddresses(alice)).map((a) => a.id)).toEqual([...ids]);
  });

  it('lists newest first and deletes with 204', async () => {
    const alice = await signUp(running);
    const older = await saveAddress(alice, home);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await saveAddress(alice, { ...home, detailInfo: '文一路 9 号' });
    expect((await listAddresses(alice)).map((a) => a.id)).toEqual([newer.id, older.id]);

    const deleted = await alice.request('DELETE', `/me/addresses/${older.id}`);
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
    expect((await listAddresses(alice)).map((a) => a.id)).toEqual([newer.id]);

    const again = await alice.request('DELETE', `/me/addresses/${older.id}`);
    expect([again.status, errorOf(again.body).code]).toEqual([404, 'NOT_FOUND']);
  });

  it('takes a DELETE or GET sent like tt.request: JSON content type, empty body', async () => {
    const alice = await signUp(running);
    const saved = await saveAddress(alice, home);
    const headers = { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' };
    const list = await fetch(`${running.baseUrl}/me/addresses`, { headers });
    expect(list.status).toBe(200);
    const deleted = await fetch(`${running.baseUrl}/me/addresses/${saved.id}`, { method: 'DELETE', headers });
    expect(deleted.status).toBe(204);
    // A body that is there but is not JSON is still refused, with the usual code.
    const broken = await fetch(`${running.baseUrl}/me/addresses`, { method: 'POST', headers, body: '{"userName":' });
    expect([broken.status, errorOf(await broken.json()).code]).toEqual([400, 'MALFORMED_JSON']);
  });

  it("never shows, deletes or reuses another user's address", async () => {
    const alice = await signUp(running);
    const bob = await signUp(running);
    const alices = await saveAddress(alice, home);

    expect(await listAddresses(bob)).toEqual([]);
    const foreign = await bob.request('DELETE', `/me/addresses/${alices.id}`);
    const unknown = await bob.request('DELETE', `/me/addresses/${crypto.randomUUID()}`);
    expect([foreign.status, errorOf(foreign.body).code]).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(foreign.body).message).toBe(errorOf(unknown.body).message);
    expect(await listAddresses(alice)).toEqual([alices]);

    // The same address saved by Bob is Bob's own row, not a duplicate of Alice's.
    const bobs = await saveAddress(bob, home);
    expect(bobs.id).not.toBe(alices.id);
    expect(await listAddresses(alice)).toEqual([alices]);
  });

  it('refuses missing and oversized fields and a malformed id, naming them', async () => {
    const alice = await signUp(running);
    const { userName: _userName, ...withoutName } = home;
    const cases: [Record<string, unknown>, string][] = [
      [withoutName, 'body.userName'],
      [{ ...home, userName: '   ' }, 'body.userName'],
      [{ ...home, detailInfo: '路'.repeat(513) }, 'body.detailInfo'],
      [{ ...home, telNumber: 13800000000 }, 'body.telNumber'],
    ];
    for (const [body, path] of cases) {
      const response = await alice.request('POST', '/me/addresses', body);
      expect([path, response.status]).toEqual([path, 400]);
      expect(issuePaths(response.body)).toContain(path);
    }
    const badId = await alice.request('DELETE', '/me/addresses/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(issuePaths(badId.body)).toEqual(['params.id']);
    expect(await listAddresses(alice)).toEqual([]);
  });

  it(`keeps at most ${MAX_ADDRESSES_PER_USER} addresses per user`, async () => {
    const alice = await signUp(running);
    const saved: TAddress[] = [];
    for (let i = 0; i < MAX_ADDRESSES_PER_USER; i++) saved.push(await saveAddress(alice, { ...home, detailInfo: `文三路 ${i} 号` }));

    const over = await alice.request('POST', '/me/addresses', { ...home, detailInfo: '文三路 999 号' });
    expect(over.status).toBe(409);
    expect(errorOf(over.body)).toMatchObject({ code: 'ADDRESS_LIMIT_REACHED', details: { limit: MAX_ADDRESSES_PER_USER } });
    // Saving one it already has is still fine, and deleting one makes room.
    expect((await saveAddress(alice, { ...home, detailInfo: '文三路 7 号' })).id).toBe(saved[7]!.id);
    expect((await alice.request('DELETE', `/me/addresses/${saved[0]!.id}`)).status).toBe(204);
    await saveAddress(alice, { ...home, detailInfo: '文三路 999 号' });
    expect(await listAddresses(alice)).toHaveLength(MAX_ADDRESSES_PER_USER);
  });
});
