import { Inject, Injectable } from '@nestjs/common';
import { DouyinClient, type PhoneNumberPlaintext } from '@douyin-kit/douyin-client';
import { DOUYIN_RESOLVED_OPTIONS, type ResolvedDouyinOptions } from '../douyin-module-options.js';
import type { PayloadSubject } from '../session-payload/payload-failure-budget.js';
import type { EncryptedPayload } from '../session-payload/session-payload.js';
import { DouyinSessionPayloadDecryptor } from '../session-payload/session-payload.decryptor.js';
import { PhoneCodeFlowUnavailableError } from './phone-errors.js';

/** What getPhoneNumber gave the mini-program: a `code` (new flow) or `encryptedData` + `iv` (old flow). */
export type PhoneNumberInput = { code: string } | EncryptedPayload;

/**
 * The decrypted number, fields as the platform sent them (`phoneNumber`, `purePhoneNumber`,
 * `countryCode`): typed unknown because the old flow's plaintext is only as good as the
 * ciphertext. Check them before storing; they are not validated here.
 */
export type PhoneNumberData = { [K in keyof Omit<PhoneNumberPlaintext, 'watermark'>]?: unknown } & Pick<PhoneNumberPlaintext, 'watermark'>;

/**
 * The phone number from either getPhoneNumber flow. The new flow redeems the code with Douyin
 * (get_phonenumber_info) and decrypts its answer with the app's RSA private key; the old flow
 * opens the payload with the session's key through the session-payload decryptor (same budget,
 * same errors). The number is returned, never logged.
 */
@Injectable()
export class DouyinPhoneDecryptor {
  constructor(
    @Inject(DOUYIN_RESOLVED_OPTIONS) private readonly options: ResolvedDouyinOptions,
    @Inject(DouyinClient) private readonly client: DouyinClient,
    @Inject(DouyinSessionPayloadDecryptor) private readonly payloads: DouyinSessionPayloadDecryptor,
  ) {}

  /**
   * Redeems a getPhoneNumber code. Throws PhoneCodeFlowUnavailableError without a private key,
   * and the client's DouyinApiError (reason `phone_code_invalid` / `phone_code_expired` for a bad
   * code), DouyinTransportError or DouyinCryptoError otherwise.
   */
  async fromCode(code: string): Promise<PhoneNumberData> {
    if (!this.options.hasPrivateKey) throw new PhoneCodeFlowUnavailableError();
    return this.client.getPhoneNumberByCode(code);
  }

  /** Opens an old-flow payload with the session's key (errors of DouyinSessionPayloadDecryptor). */
  fromSessionPayload(subject: PayloadSubject, payload: EncryptedPayload, sessionKey: string | (() => Promise<string>)): Promise<PhoneNumberData> {
    return this.payloads.open<PhoneNumberData>(subject, payload, { api: 'getPhoneNumber', sessionKey });
  }

  /** Either flow, chosen by the input's shape. */
  decrypt(subject: PayloadSubject, input: PhoneNumberInput, sessionKey: string | (() => Promise<string>)): Promise<PhoneNumberData> {
    return 'code' in input ? this.fromCode(input.code) : this.fromSessionPayload(subject, input, sessionKey);
  }
}
