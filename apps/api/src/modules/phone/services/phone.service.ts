import { Injectable } from '@nestjs/common';
import type { TPhoneRequest, TPhoneResponse } from '@douyin-kit/contracts';
import { DouyinPhoneDecryptor, PhoneCodeFlowUnavailableError } from '@douyin-kit/nestjs';
import type { AuthContext } from '../../../core/http/auth-context.js';
import { Clock } from '../../../core/clock/clock.js';
import { LookupHasher } from '../../../core/crypto/crypto.module.js';
import { SecretBox } from '../../../core/crypto/secret-box.js';
import { AppError } from '../../../core/errors/app-error.js';
import { SessionPayloadDecryptor } from '../../session-payload/session-payload.decryptor.js';
import { toPhoneCodeError } from '../phone-code-errors.js';
import { toValidPhoneNumber } from '../phone-number.js';
import { PhoneRepository, phoneField } from '../phone.repository.js';

interface PhonePlaintext {
  countryCode?: unknown;
  purePhoneNumber?: unknown;
}

@Injectable()
export class PhoneService {
  constructor(
    private readonly decryptor: SessionPayloadDecryptor,
    private readonly phoneCodes: DouyinPhoneDecryptor,
    private readonly phones: PhoneRepository,
    private readonly box: SecretBox,
    private readonly hasher: LookupHasher,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the caller's number from either getPhoneNumber flow: sealed for use, hashed for
   * lookup, masked for display. The full number is never returned nor logged.
   */
  async save(caller: AuthContext, input: TPhoneRequest): Promise<TPhoneResponse> {
    const plaintext =
      'code' in input ? await this.redeemCode(input.code) : await this.decryptor.open<PhonePlaintext>(caller, input, { api: 'getPhoneNumber' });
    const phone = toValidPhoneNumber(plaintext);
    const stored = {
      sealed: this.box.seal(phone.e164, phoneField(caller.userId)),
      hash: this.hasher.hash(phone.e164),
      masked: phone.masked,
      countryCode: phone.countryCode,
    };
    if (!(await this.phones.save(caller.userId, stored, this.clock.now()))) {
      throw new AppError('UNAUTHENTICATED', 'This session no longer has a user: log in again');
    }
    return { phoneMasked: phone.masked, countryCode: phone.countryCode };
  }

  private async redeemCode(code: string): Promise<PhonePlaintext> {
    try {
      // Refuses before calling Douyin when no private key is configured, so the single-use code is not spent.
      return await this.phoneCodes.fromCode(code);
    } catch (error) {
      if (error instanceof PhoneCodeFlowUnavailableError) {
        throw new AppError(
          'NOT_READY',
          'Phone numbers by code are not configured on this server (DOUYIN_APP_PRIVATE_KEY is missing); the old encryptedData/iv flow still works',
        );
      }
      throw toPhoneCodeError(error);
    }
  }
}
