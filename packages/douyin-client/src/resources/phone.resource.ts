import { type PhoneNumberPlaintext, decryptPhoneCiphertext } from '../crypto/phone-rsa.js';
import type { RequestSender } from '../request-sender.js';
import { singleUseCodePolicy } from '../retry-policy.js';
import type { TokenBroker } from '../tokens/token-broker.js';
import { isRecord } from '../type-guards.js';

export class PhoneResource {
  constructor(
    private readonly sender: RequestSender,
    private readonly appId: string,
    private readonly clientTokens: TokenBroker,
    private readonly privateKeyPem: string | undefined,
  ) {}

  /**
   * POST /api/apps/v1/get_phonenumber_info/ and decrypt the answer with the app private key.
   * The phone code is single-use: retried only when the connection never opened.
   */
  async getPhoneNumberByCode(code: string): Promise<PhoneNumberPlaintext> {
    const privateKeyPem = this.privateKeyPem;
    if (!privateKeyPem) throw new TypeError('getPhoneNumberByCode needs the appPrivateKeyPem option');
    const env = await this.clientTokens.withToken((token) =>
      this.sender.send({
        operation: 'get_phonenumber_info',
        family: 'open',
        path: '/api/apps/v1/get_phonenumber_info/',
        headers: { 'access-token': token },
        body: { code },
        secrets: [token, code],
        retry: singleUseCodePolicy,
      }),
    );
    // Docs show `data` as the base64 string; one client also sees `data.encrypted_data`.
    const ciphertext = typeof env.data === 'string' ? env.data : isRecord(env.data) ? env.data.encrypted_data : undefined;
    return decryptPhoneCiphertext(typeof ciphertext === 'string' ? ciphertext : '', privateKeyPem, this.appId);
  }
}
