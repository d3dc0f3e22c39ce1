/**
 * The new getPhoneNumber flow (code → get_phonenumber_info) needs the app's RSA private key, and
 * none was configured. Thrown before calling Douyin, so the single-use code is not spent.
 */
export class PhoneCodeFlowUnavailableError extends Error {
  override readonly name = 'PhoneCodeFlowUnavailableError';
  readonly code = 'PHONE_CODE_FLOW_UNAVAILABLE';

  constructor() {
    super('Phone numbers by code need the app private key (appPrivateKeyPem); the old encryptedData/iv flow still works');
  }
}
