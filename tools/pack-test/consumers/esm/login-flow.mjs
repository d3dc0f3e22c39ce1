// A Node ES module app using the kit as an npm user would: start the emulator, log a device
// user in, exchange the code with the client, check and decrypt the profile, share one
// client_token between two callers. Exits non-zero on the first failed assertion.
import assert from 'node:assert/strict';
import { ZLoginRequest } from '@douyin-kit/contracts';
import { DouyinClient, DouyinCryptoError, decryptUserData, verifySignature } from '@douyin-kit/douyin-client';
import { startEmulator } from '@douyin-kit/douyin-emulator';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { createTt } from '@douyin-kit/douyin-emulator/tt';

const appid = 'tt_pack_test_esm';
const secret = 'pack-test-secret-not-real';
const emulator = await startEmulator({ seed: { apps: [{ appid, secret }] } });
try {
  const admin = new EmulatorAdmin(emulator.url);
  const user = await admin.createUser({ appid, nickname: '小明' });
  const tt = createTt({ emulatorUrl: emulator.url, appid, userId: user.id });

  // The mini-program's side: tt.login, then the body it posts to the API, checked by the contract.
  const login = await tt.login();
  const body = ZLoginRequest.parse({ code: login.code, anonymousCode: login.anonymousCode });

  // The server's side: code2session through the client.
  const douyin = new DouyinClient({ appId: appid, appSecret: secret, baseUrl: emulator.url });
  const session = await douyin.code2Session(body);
  assert.equal(session.openId, user.openid);
  assert.ok(session.sessionKey, 'code2session returns a session_key');

  // getUserProfile's payload: signature, decryption, watermark.
  const profile = await tt.getUserProfile({ desc: '展示头像和昵称' });
  assert.equal(verifySignature(profile.rawData, profile.signature, session.sessionKey), true);
  assert.equal(verifySignature(profile.rawData + ' ', profile.signature, session.sessionKey), false);
  const decrypted = decryptUserData({ encryptedData: profile.encryptedData, iv: profile.iv, sessionKey: session.sessionKey, appId: appid });
  assert.equal(decrypted.nickName, '小明');
  assert.equal(decrypted.watermark.appid, appid);
  assert.throws(
    () => decryptUserData({ encryptedData: profile.encryptedData, iv: profile.iv, sessionKey: session.sessionKey, appId: 'tt_someone_else' }),
    (error) => error instanceof DouyinCryptoError && error.reason === 'watermark_mismatch',
  );

  // Two callers of the token broker: one upstream fetch.
  const before = (await admin.calls()).client_token;
  const [first, second] = await Promise.all([douyin.clientTokens.getToken(), douyin.clientTokens.getToken()]);
  assert.equal(first, second);
  assert.equal(await douyin.clientTokens.getToken(), first);
  assert.equal((await admin.calls()).client_token - before, 1);

  console.log('esm consumer: login, profile and client_token flow passed');
} finally {
  await emulator.close();
}
