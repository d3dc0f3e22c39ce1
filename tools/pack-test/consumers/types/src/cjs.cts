// The client and the contracts from a CommonJS module under Node16 resolution (what a Nest app
// compiled to CJS sees): `import` compiles to require() and resolves their "require" types.
// (The emulator is ESM only: src/require-emulator.cts requires it under `module: node20`.)
import { ERROR_CODES, ZLoginRequest } from '@douyin-kit/contracts';
import { DouyinClient, DouyinCryptoError, verifySignature } from '@douyin-kit/douyin-client';

export async function exchange(code: string): Promise<string | undefined> {
  const douyin = new DouyinClient({ appId: 'tt_app', appSecret: 's' });
  const session = await douyin.code2Session(ZLoginRequest.parse({ code }));
  return verifySignature('{}', 'sig', session.sessionKey ?? '') ? session.openId : undefined;
}

export const reason: DouyinCryptoError['reason'] = 'bad_padding';
export const status: number = ERROR_CODES.VALIDATION_FAILED;
// @ts-expect-error not a crypto error reason
export const wrongReason: DouyinCryptoError['reason'] = 'nope';
