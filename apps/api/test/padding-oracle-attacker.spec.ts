import { createDecipheriv, randomBytes } from 'node:crypto';
import { decryptUserData } from '@douyin-kit/douyin-client';
import { AttackStopped, NoOracle, PaddingOracleAttacker, type Ask } from './padding-oracle-attacker.js';

const APP_ID = 'tt_unit_app';
const key = randomBytes(16);

/**
 * A local stand-in for a server that decrypts client payloads and, like the API before the
 * fix, answers bad padding differently from other failures (here: by its details.reason).
 */
const leakyServer: Ask = async (iv, ciphertext) => {
  const decipher = createDecipheriv('aes-128-cbc', key, iv);
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return JSON.stringify({ status: 409, code: 'SESSION_KEY_STALE', details: { reason: 'bad_padding' } });
  }
  try {
    JSON.parse(plaintext);
    return JSON.stringify({ status: 400, code: 'WATERMARK_MISMATCH' });
  } catch {
    return JSON.stringify({ status: 409, code: 'SESSION_KEY_STALE', details: { reason: 'not_json' } });
  }
};

/** The same server with the fix's single answer for every failure. */
const uniformServer: Ask = async (iv, ciphertext) => {
  await leakyServer(iv, ciphertext);
  return JSON.stringify({ status: 409, code: 'SESSION_KEY_STALE' });
};

describe('PaddingOracleAttacker', () => {
  it('forges a chosen phone payload against a server whose answers tell bad padding apart', async () => {
    const chosen = `{"purePhoneNumber":"13900000000","countryCode":"86","watermark":{"appid":"${APP_ID}","timestamp":1}}`;
    const attacker = new PaddingOracleAttacker(leakyServer);

    const forged = await attacker.forge(Buffer.from(chosen));

    // The key never left the server, yet the real decryptor accepts the forgery as genuine.
    const opened = decryptUserData<{ purePhoneNumber: string }>({
      encryptedData: forged.ciphertext.toString('base64'),
      iv: forged.iv.toString('base64'),
      sessionKey: key.toString('base64'),
      appId: APP_ID,
    });
    expect(opened).toEqual(JSON.parse(chosen));
    // About 128 questions per byte: thousands, well beyond any failure budget.
    expect(attacker.queries).toBeGreaterThan(1000);
  });

  it('finds nothing when every failure gets the same answer', async () => {
    const attacker = new PaddingOracleAttacker(uniformServer);
    await expect(attacker.forge(Buffer.from('{"nickName":"抖音官方客服"}'))).rejects.toBeInstanceOf(NoOracle);
    expect(attacker.queries).toBeLessThan(3 + 256 + 1);
  });

  it('stops when the target stops answering', async () => {
    let answered = 0;
    const attacker = new PaddingOracleAttacker(async (iv, ciphertext) => {
      if (++answered > 5) throw new AttackStopped('429');
      return leakyServer(iv, ciphertext);
    });
    await expect(attacker.forge(Buffer.from('{}'))).rejects.toBeInstanceOf(AttackStopped);
    expect(attacker.queries).toBe(6);
  });
});
