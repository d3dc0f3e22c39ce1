// A CommonJS app (a Nest or Express server compiled to CJS). The client and the contracts
// resolve to their CJS builds; the emulator is ESM only and loads through require(esm), which
// Node >= 20.19 (the packages' engines) does without a flag.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { ERROR_CODES, ZLoginRequest } = require('@douyin-kit/contracts');
const {
  DouyinClient,
  DouyinApiError,
  PostgresTokenStore,
  decryptUserData,
  postgresTokenStoreSchema,
  verifySignature,
} = require('@douyin-kit/douyin-client');
const { startEmulator } = require('@douyin-kit/douyin-emulator');
const { EmulatorAdmin } = require('@douyin-kit/douyin-emulator/admin');

async function main() {
  assert.equal(path.basename(path.dirname(require.resolve('@douyin-kit/douyin-client'))), 'cjs', 'require() gets the CJS build of the client');
  assert.equal(path.basename(path.dirname(require.resolve('@douyin-kit/contracts'))), 'cjs', 'require() gets the CJS build of the contracts');
  assert.ok(ERROR_CODES.VALIDATION_FAILED, 'the error code table');
  assert.match(postgresTokenStoreSchema(), /^CREATE TABLE IF NOT EXISTS douyin_tokens \(/, 'the token store DDL');
  assert.throws(() => new PostgresTokenStore({ pool: {}, table: 'bad name' }), /Invalid token table name/);

  const appid = 'tt_pack_test_cjs';
  const secret = 'pack-test-secret-not-real';
  const emulator = await startEmulator({ seed: { apps: [{ appid, secret }] } });
  try {
    const admin = new EmulatorAdmin(emulator.url);
    const user = await admin.createUser({ appid, nickname: '小红' });
    const douyin = new DouyinClient({ appId: appid, appSecret: secret, baseUrl: emulator.url });

    const { code } = await admin.login({ appid, userId: user.id });
    const session = await douyin.code2Session(ZLoginRequest.parse({ code }));
    assert.equal(session.openId, user.openid);

    const profile = await admin.userProfile({ appid, userId: user.id });
    assert.equal(verifySignature(profile.rawData, profile.signature, session.sessionKey), true);
    const decrypted = decryptUserData({ ...profile, sessionKey: session.sessionKey, appId: appid });
    assert.equal(decrypted.nickName, '小红');
    assert.equal(decrypted.watermark.appid, appid);

    // A used code: a typed platform error the caller can branch on.
    await assert.rejects(douyin.code2Session({ code }), (error) => error instanceof DouyinApiError && error.reason === 'login_code_invalid');

    const before = (await admin.calls()).client_token;
    const [first, second] = await Promise.all([douyin.clientTokens.getToken(), douyin.clientTokens.getToken()]);
    assert.equal(first, second);
    assert.equal((await admin.calls()).client_token - before, 1);
  } finally {
    await emulator.close();
  }
  console.log('cjs consumer: login, profile and client_token flow passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
