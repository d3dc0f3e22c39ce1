import { Prisma } from '../../generated/prisma/client.js';

/**
 * Runs `work` again once when it lost a race on a unique index (P2002): e.g. two first
 * logins of one user both trying to create the row. The second run sees the winner's row.
 */
export async function withUniqueRetry<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return work();
    throw error;
  }
}
