import { constants, createDecipheriv, createHash, privateDecrypt, createPrivateKey } from 'node:crypto';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../src/index.js';

// Test-side crypto is written here from the protocol doc, independently of the emulator's
// encrypting code and of the client package: an agreement between the two means something.

export interface Harness {
  emulator: RunningEmulator;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  postRaw(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get<T = any>(path: string): Promise<T>;
  close(): Promise<void>;
}

export const APPID = 'tt_test_app';
export const SECRET = 'test-secret';

/** One app, three users, three templates: enough for most tests. */
export const TEST_SEED = {
  apps: [{ appid: APPID, secret: SECRET }],
  users: [
    { id: 'alice', appid: APPID, nickname: 'Alice', gender: 2 as const, city: '杭州', phone: { countryCode: '86', purePhoneNumber: '13800000001' } },
    { id: 'bob', appid: APPID, nickname: 'Bob' },
    { id: 'guest', appid: APPID, loggedIn: false },
  ],
  templates: [
    { appid: APPID, templateId: 'T_ONCE', title: 'Order shipped', kind: 'one_time' as const },
    { appid: APPID, templateId: 'T_ONCE_2', title: 'Order paid', kind: 'one_time' as const, keywords: ['订单号', '金额'] },
    { appid: APPID, templateId: 'T_LONG', title: 'Service notice', kind: 'long_term' as const },
  ],
};

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ rsaModulusLength: 1024, seed: TEST_SEED, ...options });
  const postRaw = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(emulator.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    emulator,
    postRaw,
    post: async (path, body, headers) => (await postRaw(path, body, headers)).json(),
    get: async (path) => (await fetch(emulator.url + path)).json(),
    close: () => emulator.close(),
  };
}

export function aesDecrypt(sessionKey: string, encryptedData: string, iv: string): any {
  const decipher = createDecipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), Buffer.from(iv, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

export const sha1Hex = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** RSA_NO_PADDING per block, then strip PKCS#1 v1.5 type-2 padding by hand (Node ≥ 20.11.1). */
export function rsaDecryptSegmented(privateKeyPem: string, base64: string): string {
  const key = createPrivateKey(privateKeyPem);
  const k = key.asymmetricKeyDetails!.modulusLength! / 8;
  const data = Buffer.from(base64, 'base64');
  if (data.length % k !== 0) throw new Error(`ciphertext length ${data.length} is not a multiple of ${k}`);
  const parts: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += k) {
    const block = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, data.subarray(offset, offset + k));
    if (block[0] !== 0x00 || block[1] !== 0x02) throw new Error('bad PKCS#1 v1.5 header');
    const separator = block.indexOf(0x00, 2);
    if (separator < 10) throw new Error('bad PKCS#1 v1.5 padding');
    parts.push(block.subarray(separator + 1));
  }
  return Buffer.concat(parts).toString('utf8');
}

export async function appToken(h: Harness): Promise<string> {
  const res = await h.post('/api/apps/v2/token', { appid: APPID, secret: SECRET, grant_type: 'client_credential' });
  return res.data.access_token;
}

export async function clientToken(h: Harness): Promise<string> {
  const res = await h.post('/oauth/client_token/', {
    client_key: APPID,
    client_secret: SECRET,
    grant_type: 'client_credential',
  });
  return res.data.access_token;
}

export const advance = (h: Harness, seconds: number) => h.post('/__emulator/clock/advance', { seconds });
