import { TokenRefreshLockTimeoutError } from '@douyin-kit/douyin-client';
import pg from 'pg';
import { Prisma } from '../../generated/prisma/client.js';
import { databaseFailureReason, isDatabaseUnavailable } from './database-errors.js';
import { mapError } from './error-envelope.js';

/** A server error as pg raises it. */
function pgError(code: string, message: string): pg.DatabaseError {
  return Object.assign(new pg.DatabaseError(message, message.length, 'error'), { code, severity: 'ERROR' });
}

/** The same error after Prisma 7's pg driver adapter wrapped it (shape seen from a real lock timeout). */
function prismaWrapped(cause: Record<string, unknown>, code = 'P2039'): Prisma.PrismaClientKnownRequestError {
  return new Prisma.PrismaClientKnownRequestError('Database error.', {
    code,
    clientVersion: Prisma.prismaVersion.client,
    meta: { modelName: 'User', driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
}

describe('isDatabaseUnavailable', () => {
  it('recognises timeouts and lost connections straight from pg', () => {
    expect(isDatabaseUnavailable(pgError('57014', 'canceling statement due to statement timeout'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('55P03', 'canceling statement due to lock timeout'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('08006', 'connection failure'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' }))).toBe(
      true,
    );
  });

  it("recognises the token store's refresh lock timeout (another instance's refresh took too long)", () => {
    expect(isDatabaseUnavailable(new TokenRefreshLockTimeoutError('client_token:tt1', 45_000))).toBe(true);
  });

  it("recognises them inside Prisma's driver-adapter wrapper", () => {
    expect(
      isDatabaseUnavailable(
        prismaWrapped({ kind: 'postgres', code: '55P03', originalCode: '55P03', message: 'canceling statement due to lock timeout' }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(prismaWrapped({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 }, 'P2010'))).toBe(true);
    expect(isDatabaseUnavailable(prismaWrapped({ kind: 'ConnectionClosed' }))).toBe(true);
  });

  it("leaves the request's own faults and unknown errors alone", () => {
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(prismaWrapped({ kind: 'UniqueConstraintViolation' }, 'P2002'))).toBe(false);
    expect(isDatabaseUnavailable(prismaWrapped({ kind: 'postgres', code: '22P02', originalCode: '22P02' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Query read timeout, said a handler'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('Query read timeout'), { code: 'SOMETHING' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('names the cause for the log, without a stack', () => {
    expect(
      databaseFailureReason(
        prismaWrapped({ kind: 'postgres', code: '55P03', originalCode: '55P03', message: 'canceling statement due to lock timeout' }),
      ),
    ).toBe('55P03 canceling statement due to lock timeout');
    expect(databaseFailureReason(new Error('timeout exceeded when trying to connect'))).toBe('timeout exceeded when trying to connect');
  });

  it('maps to 503 DATABASE_UNAVAILABLE with retry advice', () => {
    expect(mapError(pgError('57014', 'canceling statement due to statement timeout'))).toMatchObject({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      details: { retryAfterSeconds: expect.any(Number) },
    });
  });
});
