import { Inject, Injectable } from '@nestjs/common';
import type { Watermark } from '@douyin-kit/douyin-client';
import { DOUYIN_RESOLVED_OPTIONS, type ResolvedDouyinOptions } from '../douyin-module-options.js';
import { PayloadFailureBudget, type PayloadSubject } from './payload-failure-budget.js';
import { checkPayloadShape, openSessionPayload, PayloadRejected, type EncryptedPayload, type OpenSessionPayloadInput } from './session-payload.js';
import type { TtDataApi } from './session-payload-errors.js';

export interface OpenPayloadOptions<T> extends Pick<OpenSessionPayloadInput<T>, 'signed' | 'accept'> {
  api: TtDataApi;
  /**
   * The session's session_key (base64), or a function that loads it: called only once the
   * payload's encoding checks out, so a damaged payload costs no key lookup.
   */
  sessionKey: string | (() => Promise<string>);
}

/**
 * Opens payloads the mini-program got from tt APIs (getUserProfile, old-flow getPhoneNumber)
 * with the session's Douyin session_key: signature, AES decryption, watermark.
 *
 * The client chooses these ciphertexts, so every way one can fail to open gets one error
 * (SessionKeyStaleError) after the same work, and each failure spends the user's failure budget;
 * once it is spent, PayloadBudgetSpentError and nothing is decrypted until the window moves on.
 * A damaged encoding (decided without the key) is PayloadCorruptedError.
 */
@Injectable()
export class DouyinSessionPayloadDecryptor {
  constructor(
    @Inject(DOUYIN_RESOLVED_OPTIONS) private readonly options: ResolvedDouyinOptions,
    @Inject(PayloadFailureBudget) private readonly budget: PayloadFailureBudget,
  ) {}

  async open<T>(subject: PayloadSubject, payload: EncryptedPayload, options: OpenPayloadOptions<T>): Promise<T & { watermark: Watermark }> {
    checkPayloadShape(payload, options.api);
    const sessionKey = typeof options.sessionKey === 'string' ? options.sessionKey : await options.sessionKey();
    const slot = await this.budget.reserve(subject, options.api);
    let data: T & { watermark: Watermark };
    try {
      data = openSessionPayload<T>({
        encryptedData: payload.encryptedData,
        iv: payload.iv,
        sessionKey,
        appId: this.options.appId,
        ...(options.signed ? { signed: options.signed } : {}),
        ...(options.accept ? { accept: options.accept } : {}),
        ...(this.options.maxWatermarkAgeSeconds === undefined
          ? {}
          : { maxWatermarkAgeSeconds: this.options.maxWatermarkAgeSeconds, now: this.options.now().getTime() }),
      });
    } catch (error) {
      if (error instanceof PayloadRejected) throw await this.budget.spend(subject, options.api);
      await this.budget.release(slot);
      throw error;
    }
    await this.budget.release(slot);
    return data;
  }
}
