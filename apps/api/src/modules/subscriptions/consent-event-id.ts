import { createHash } from 'node:crypto';

/**
 * The ledger row id of one template's decision in one client request: a UUID derived from the
 * user, the client's requestId and the template, so a retried post produces the same ids and
 * the primary key refuses the second copy. That is the whole idempotency mechanism: no extra
 * column, and it holds across instances and concurrent retries. Formatted as an RFC 9562
 * version 8 (custom) UUID.
 */
export function consentEventId(userId: string, requestId: string, templateId: string): string {
  const bytes = createHash('sha256')
    .update(JSON.stringify(['consent-event-v1', userId, requestId, templateId]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
