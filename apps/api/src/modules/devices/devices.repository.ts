import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import { withUniqueRetry } from '../../core/database/unique-retry.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** The columns a device output needs; the owner and the device key stay inside. */
const DEVICE_SELECT = {
  id: true,
  brand: true,
  model: true,
  system: true,
  platform: true,
  appName: true,
  appVersion: true,
  sdkVersion: true,
  snapshot: true,
  firstSeenAt: true,
  lastSeenAt: true,
} as const satisfies Prisma.DeviceSelect;

export type DeviceRecord = Prisma.DeviceGetPayload<{ select: typeof DEVICE_SELECT }>;

/** What a report says about a device, apart from its owner, key and times. */
export interface DeviceReport {
  brand: string;
  model: string;
  system: string;
  platform: string;
  appName: string | null;
  appVersion: string | null;
  sdkVersion: string | null;
  snapshot: Prisma.InputJsonObject;
}

@Injectable()
export class DevicesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts the device on first sight, otherwise replaces its description and snapshot and
   * moves `lastSeenAt`; `firstSeenAt` is written only on insert. Two first reports racing
   * meet on the (user, device key) unique index: the loser runs again and updates.
   *
   * A new device then prunes the user's devices beyond the `keep` most recently seen, so a
   * client inventing devices cannot grow the table without bound. One statement, no
   * transaction (a report stays one round trip under load); SKIP LOCKED keeps two pruning
   * reports of one user from waiting on each other (a row one skips, the other deletes, or
   * the next new device does).
   */
  async recordReport(userId: string, deviceKey: string, report: DeviceReport, seenAt: Date, keep: number): Promise<DeviceRecord> {
    const device = await withUniqueRetry(() =>
      this.prisma.device.upsert({
        where: { userId_deviceKey: { userId, deviceKey } },
        create: { userId, deviceKey, ...report, firstSeenAt: seenAt, lastSeenAt: seenAt },
        update: { ...report, lastSeenAt: seenAt },
        select: DEVICE_SELECT,
      }),
    );
    if (device.firstSeenAt.getTime() === seenAt.getTime()) {
      await this.prisma.$executeRaw`
        DELETE FROM devices WHERE id IN (
          SELECT id FROM devices WHERE user_id = ${userId}::uuid
          ORDER BY last_seen_at DESC, id ASC OFFSET ${keep}
          FOR UPDATE SKIP LOCKED
        )`;
    }
    return device;
  }

  listForUser(userId: string): Promise<DeviceRecord[]> {
    return this.prisma.device.findMany({
      where: { userId },
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
      select: DEVICE_SELECT,
    });
  }
}
