import { createHmac, randomBytes } from 'node:crypto';
import { type DouyinPhoneDecryptor, PhoneCodeFlowUnavailableError } from '@douyin-kit/nestjs';
import type { Clock } from '../../../core/clock/clock.js';
import type { AppConfig } from '../../../core/config/app-config.js';
import { LookupHasher } from '../../../core/crypto/crypto.module.js';
import { SealedValueError, SecretBox } from '../../../core/crypto/secret-box.js';
import type { SessionPayloadDecryptor } from '../../session-payload/session-payload.decryptor.js';
import { phoneField, type PhoneRepository, type StoredPhone } from '../phone.repository.js';
import { PhoneService } from './phone.service.js';

const caller = { userId: 'user-a', sessionId: 'session-a', appId: 'tt_app', requestId: 'req-a' };
const now = new Date('2026-01-02T03:04:05Z');
const hashKey = randomBytes(32);

/** The service with every boundary swapped for an in-memory fake; records what reached them. */
function setup(options: { privateKey?: string; phone?: Record<string, unknown>; userExists?: boolean } = {}) {
  const phone = options.phone ?? { countryCode: '86', purePhoneNumber: '13812345678' };
  const calls = { opened: [] as unknown[], redeemed: [] as string[], saved: [] as { userId: string; stored: StoredPhone; at: Date }[] };
  const decryptor = { open: async (...args: unknown[]) => (calls.opened.push(args), phone) } as unknown as SessionPayloadDecryptor;
  // The module's phone decryptor as it behaves: without a private key it refuses before redeeming the code.
  const phoneCodes = {
    fromCode: async (code: string) => {
      if (!options.privateKey) throw new PhoneCodeFlowUnavailableError();
      calls.redeemed.push(code);
      return phone;
    },
  } as unknown as DouyinPhoneDecryptor;
  const phones = {
    save: async (userId: string, stored: StoredPhone, at: Date) => (calls.saved.push({ userId, stored, at }), options.userExists ?? true),
  } as unknown as PhoneRepository;
  const box = new SecretBox([{ id: 'k1', key: randomBytes(32) }]);
  const config = { encryption: { phoneHashKey: hashKey } } as unknown as AppConfig;
  const clock: Clock = { now: () => now };
  const service = new PhoneService(decryptor, phoneCodes, phones, box, new LookupHasher(config), clock);
  return { service, calls, box };
}

describe('PhoneService', () => {
  it('stores the E.164 number sealed and hashed, and answers with the mask only', async () => {
    const { service, calls, box } = setup({ privateKey: 'pem' });

    const answer = await service.save(caller, { code: 'phone-code' });

    expect(answer).toEqual({ phoneMasked: '138****5678', countryCode: '86' });
    expect(calls.redeemed).toEqual(['phone-code']);
    const [saved] = calls.saved;
    expect(saved).toMatchObject({ userId: 'user-a', at: now, stored: { masked: '138****5678', countryCode: '86' } });
    expect(box.open(saved!.stored.sealed, phoneField('user-a')).toString()).toBe('+8613812345678');
    expect(() => box.open(saved!.stored.sealed, phoneField('user-b'))).toThrow(SealedValueError);
    expect(saved!.stored.hash.equals(createHmac('sha256', hashKey).update('+8613812345678').digest())).toBe(true);
  });

  it("opens the old flow's payload with the caller's session, for getPhoneNumber", async () => {
    const { service, calls } = setup();
    await service.save(caller, { encryptedData: 'e', iv: 'i' });
    expect(calls.opened).toEqual([[caller, { encryptedData: 'e', iv: 'i' }, { api: 'getPhoneNumber' }]]);
  });

  it('without an app private key refuses the code flow before spending the code', async () => {
    const { service, calls } = setup();
    await expect(service.save(caller, { code: 'phone-code' })).rejects.toMatchObject({
      code: 'NOT_READY',
      status: 503,
      message: expect.stringContaining('DOUYIN_APP_PRIVATE_KEY'),
    });
    expect(calls.redeemed).toEqual([]);
  });

  it('stores nothing for a number of the wrong shape', async () => {
    const { service, calls } = setup({ phone: { countryCode: '86', purePhoneNumber: '23812345678' } });
    await expect(service.save(caller, { encryptedData: 'e', iv: 'i' })).rejects.toMatchObject({ code: 'PHONE_NUMBER_INVALID' });
    expect(calls.saved).toEqual([]);
  });

  it('answers UNAUTHENTICATED when the session outlived its user', async () => {
    const { service } = setup({ userExists: false });
    await expect(service.save(caller, { encryptedData: 'e', iv: 'i' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
