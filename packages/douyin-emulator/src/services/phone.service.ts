import { TtFailure, type EmulatorContext } from '../context.js';
import { newLoginCode } from '../identifiers.js';
import { encryptWithSessionKey, rsaEncryptSegmented } from '../platform-crypto.js';
import type { AppRecord, PhoneRecord, UserRecord } from '../store/store.js';
import type { SessionService } from './session.service.js';

export type PhoneRedeem = { ok: true; ciphertext: string } | { ok: false; errNo: number };

/** Both phone-number flows: the old encryptedData/iv one and the new code + RSA one. */
export class PhoneService {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly sessions: SessionService,
  ) {}

  /** The tap on `<button open-type="getPhoneNumber">`. */
  requestPhone(user: UserRecord, flow: 'encrypted' | 'code') {
    if (!user.loggedIn) throw new TtFailure('getPhoneNumber:fail not login');
    if (!user.phone) throw new TtFailure('getPhoneNumber:fail no phone number');
    if (flow === 'encrypted') {
      const sessionKey = this.sessions.requireSessionKey(user, 'getPhoneNumber');
      const plaintext = JSON.stringify(this.plaintext(user.appid, user.phone));
      return { ...encryptWithSessionKey(plaintext, sessionKey), errMsg: 'getPhoneNumber:ok' };
    }
    const code = newLoginCode();
    this.ctx.issued.record('phoneCodes', code);
    this.ctx.store.putPhoneCode({
      code,
      appid: user.appid,
      userId: user.id,
      expiresAt: this.ctx.clock.now() + this.ctx.options.phoneCodeTtlSeconds * 1000,
    });
    return { code, errMsg: 'getPhoneNumber:ok' };
  }

  /** get_phonenumber_info: single-use code → RSA ciphertext with the app's public key. */
  redeem(app: AppRecord, code: string): PhoneRedeem {
    const { store, clock, options } = this.ctx;
    const record = store.takePhoneCode(code);
    if (!record || record.appid !== app.appid) return { ok: false, errNo: options.errNos.phoneCodeInvalid };
    if (record.expiresAt <= clock.now()) return { ok: false, errNo: options.errNos.phoneCodeExpired };
    const user = store.getUser(record.userId);
    if (!user?.phone) return { ok: false, errNo: options.errNos.phoneCodeInvalid };
    const plaintext = JSON.stringify(this.plaintext(app.appid, user.phone));
    return { ok: true, ciphertext: rsaEncryptSegmented(plaintext, app.publicKeyPem) };
  }

  private plaintext(appid: string, phone: PhoneRecord) {
    // phoneNumber carries the country code for numbers outside mainland China.
    const phoneNumber = phone.countryCode === '86' ? phone.purePhoneNumber : `+${phone.countryCode} ${phone.purePhoneNumber}`;
    return {
      phoneNumber,
      purePhoneNumber: phone.purePhoneNumber,
      countryCode: phone.countryCode,
      watermark: { appid, timestamp: Math.floor(this.ctx.clock.now() / 1000) },
    };
  }
}
