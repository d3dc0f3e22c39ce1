import { ERROR_CODES, ZErrorEnvelope } from '@douyin-kit/contracts';
import type { FuzzRequest } from './hostile-requests.js';
import type { RawResponse } from './raw-http.js';

/**
 * What is wrong with an answer to a hostile request, or null: never a 5xx, never a success
 * without the route's credential, and every 4xx the one error envelope, with a code from the
 * shared table whose status is the one the table gives, and the request id of its header.
 */
export function problemWith(request: FuzzRequest, response: RawResponse): string | null {
  const { status } = response;
  if (status >= 500) return `${status} ${codeOf(response) ?? ''}`.trim();
  if (status < 400) return request.mayPass && status < 300 ? null : `${status} without the credential`;
  const requestId = response.headers['x-request-id'];
  if (typeof requestId !== 'string') return `${status} without x-request-id`;
  // A HEAD answer has headers only.
  if (request.method === 'HEAD') return null;
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString('utf8'));
  } catch {
    return `${status} with a body that is not JSON`;
  }
  const envelope = ZErrorEnvelope.safeParse(json);
  if (!envelope.success) return `${status} without the error envelope: ${response.body.toString('utf8').slice(0, 120)}`;
  const { code, requestId: bodyRequestId } = envelope.data.error;
  if (ERROR_CODES[code] !== status) return `${status} with ${code}, whose status is ${ERROR_CODES[code]}`;
  if (bodyRequestId !== requestId) return `${status} ${code} with another request id than its header`;
  return null;
}

function codeOf(response: RawResponse): string | undefined {
  try {
    return (JSON.parse(response.body.toString('utf8')) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
