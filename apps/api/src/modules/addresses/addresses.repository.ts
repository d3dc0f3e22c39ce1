import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import { withUniqueRetry } from '../../core/database/unique-retry.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AddressFields } from './address-fingerprint.js';

/** The columns an address output needs; the owner and the fingerprint stay inside. */
const ADDRESS_SELECT = {
  id: true,
  userName: true,
  telNumber: true,
  provinceName: true,
  cityName: true,
  countyName: true,
  detailInfo: true,
  createdAt: true,
} as const satisfies Prisma.AddressSelect;

export type AddressRecord = Prisma.AddressGetPayload<{ select: typeof ADDRESS_SELECT }>;

export type SaveAddressResult = { outcome: 'created' | 'existing'; address: AddressRecord } | { outcome: 'limit-reached' };

@Injectable()
export class AddressesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores the address unless the user already has one with this fingerprint (then returns
   * that one), and unless the user already has `limit` addresses.
   *
   * The user's row is locked first, so a user's saves run one after another: the count
   * cannot be overtaken by a concurrent save, and a concurrent duplicate sees the first one.
   * The unique (user, fingerprint) index stays the guarantee: should two inserts still meet
   * there, the loser runs again and finds the winner's row.
   */
  saveUnlessDuplicate(userId: string, fingerprint: string, fields: AddressFields, limit: number, now: Date): Promise<SaveAddressResult> {
    return withUniqueRetry(() =>
      this.prisma.$transaction(async (tx): Promise<SaveAddressResult> => {
        await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
        const existing = await tx.address.findUnique({
          where: { userId_fingerprint: { userId, fingerprint } },
          select: ADDRESS_SELECT,
        });
        if (existing) return { outcome: 'existing', address: existing };
        if ((await tx.address.count({ where: { userId } })) >= limit) return { outcome: 'limit-reached' };
        const address = await tx.address.create({
          data: { userId, fingerprint, ...fields, createdAt: now },
          select: ADDRESS_SELECT,
        });
        return { outcome: 'created', address };
      }),
    );
  }

  listForUser(userId: string): Promise<AddressRecord[]> {
    return this.prisma.address.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: ADDRESS_SELECT,
    });
  }

  /** False when the user has no address with this id (unknown, or someone else's). */
  async deleteOwned(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.address.deleteMany({ where: { id, userId } });
    return count > 0;
  }
}
