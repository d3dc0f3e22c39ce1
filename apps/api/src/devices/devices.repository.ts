import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { withUniqueRetry } from '../database/unique-retry.js';
import type { Prisma } from '../generated/prisma/client.js';

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
   */
  recordReport(userId: string, deviceKey: string, report: DeviceReport, seenAt: Date): Promise<DeviceRecord> {
    return withUniqueRetry(() =>
      this.prisma.device.upsert({
        where: { userId_deviceKey: { userId, deviceKey } },
        create: { userId, deviceKey, ...report, firstSeenAt: seenAt, lastSeenAt: seenAt },
        update: { ...report, lastSeenAt: seenAt },
        select: DEVICE_SELECT,
      }),
    );
  }

  listForUser(userId: string): Promise<DeviceRecord[]> {
    return this.prisma.device.findMany({
      where: { userId },
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
      select: DEVICE_SELECT,
    });
  }
}
