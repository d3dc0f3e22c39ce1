import { DouyinApiError, DouyinCryptoError } from '@douyin-kit/douyin-client';
import { toUpstreamError } from '../../core/douyin/douyin-errors.js';
import { AppError } from '../../core/errors/app-error.js';

/**
 * Maps a failure of get_phonenumber_info + RSA decryption. A bad code is the user's to fix
 * (tap the button again); a ciphertext our key cannot open is the server's configuration
 * (DOUYIN_APP_PRIVATE_KEY is not the pair registered in the console); the rest is Douyin's.
 */
export function toPhoneCodeError(error: unknown): AppError {
  if (error instanceof DouyinApiError && (error.reason === 'phone_code_invalid' || error.reason === 'phone_code_expired')) {
    return new AppError('PHONE_CODE_INVALID', 'The phone code is invalid, expired or already used: ask for the number again (getPhoneNumber)', {
      errNo: error.errNo,
    });
  }
  if (error instanceof DouyinCryptoError) {
    if (error.reason === 'watermark_mismatch') {
      return new AppError('WATERMARK_MISMATCH', 'Douyin returned a phone number made for another mini-program');
    }
    // Reason only: the message of a crypto error never holds data, but there is nothing to add.
    return new AppError('UPSTREAM_ERROR', "Douyin's phone number could not be decrypted with this server's app key", undefined, {
      log: { level: 'error', message: `get_phonenumber_info: could not decrypt Douyin's answer (${error.reason}); check DOUYIN_APP_PRIVATE_KEY` },
    });
  }
  return toUpstreamError(error, 'get_phonenumber_info');
}
