import { createHash } from 'node:crypto';
import { verifyWebhookSignature } from './webhook-signature.js';

// The platform docs' Go example: sha1 over the secret's bytes, then the body's.
const sign = (secret: string, body: string) =>
  createHash('sha1')
    .update(secret + body)
    .digest('hex');
const body = '{"event":"verify_webhook","client_key":"abc","content":{"challenge":12345}}';

describe('verifyWebhookSignature', () => {
  it('accepts hex sha1(secret + raw body), in either case', () => {
    expect(verifyWebhookSignature('s3cret', Buffer.from(body), sign('s3cret', body))).toBe(true);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body), sign('s3cret', body).toUpperCase())).toBe(true);
  });

  it('refuses another secret, a changed byte (even only whitespace) and a missing or malformed header', () => {
    const good = sign('s3cret', body);
    expect(verifyWebhookSignature('other', Buffer.from(body), good)).toBe(false);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body.replace(':', ': ')), good)).toBe(false);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body), undefined)).toBe(false);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body), [good])).toBe(false);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body), good.slice(0, 39))).toBe(false);
    expect(verifyWebhookSignature('s3cret', Buffer.from(body), `${good.slice(0, 39)}g`)).toBe(false);
  });

  it('signs the bytes, not a string decoding of them', () => {
    const utf8 = Buffer.from('{"event":"x","client_key":"订阅"}');
    const signature = createHash('sha1').update('k').update(utf8).digest('hex');
    expect(verifyWebhookSignature('k', utf8, signature)).toBe(true);
  });
});
