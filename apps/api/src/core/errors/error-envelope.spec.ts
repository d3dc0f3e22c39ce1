import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AppError } from './app-error.js';
import { mapError, toEnvelope } from './error-envelope.js';

describe('mapError', () => {
  it('takes the status of an AppError from the shared table', () => {
    expect(mapError(new AppError('UPSTREAM_UNAVAILABLE', 'Douyin is down', { retryAfterSeconds: 5 }))).toEqual({
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'Douyin is down',
      details: { retryAfterSeconds: 5 },
    });
  });

  it('maps Nest HTTP exceptions and Fastify body errors to stable codes', () => {
    expect(mapError(new NotFoundException('Cannot GET /nope'))?.code).toBe('NOT_FOUND');
    expect(mapError(new BadRequestException())?.code).toBe('VALIDATION_FAILED');
    expect(mapError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }))).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
    });
    // The router's own errors quote the URL in their message; the mapped one does not.
    const badUrl = mapError(Object.assign(new Error("'/x/%E0%A4%A' is not a valid url component"), { code: 'FST_ERR_BAD_URL' }));
    expect(badUrl).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(badUrl?.message).not.toContain('%E0');
    expect(mapError(Object.assign(new Error('x'), { code: 'FST_ERR_MAX_PARAM_LENGTH' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('prefers the Fastify error Nest wraps as the cause of an HttpException', () => {
    const cause = Object.assign(new Error('too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    const wrapped = new BadRequestException('too large', { cause });
    expect(mapError(wrapped)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses to map an unknown error, so it becomes a generic 500', () => {
    expect(mapError(new TypeError('cannot read x of undefined'))).toBeNull();
  });

  it('omits details when there are none', () => {
    const envelope = toEnvelope({ status: 404, code: 'NOT_FOUND', message: 'nope' }, 'req-1');
    expect(envelope).toEqual({ error: { code: 'NOT_FOUND', message: 'nope', requestId: 'req-1' } });
  });
});
