import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import { withUniqueRetry } from '../../core/database/unique-retry.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** The columns a location output needs; the owner and bookkeeping stay inside. */
const LOCATION_SELECT = {
  latitude: true,
  longitude: true,
  coordinateSystem: true,
  altitude: true,
  accuracy: true,
  verticalAccuracy: true,
  horizontalAccuracy: true,
  speed: true,
  recordedAt: true,
} as const satisfies Prisma.LocationSelect;

export type LocationRecord = Prisma.LocationGetPayload<{ select: typeof LOCATION_SELECT }>;

/** A reading as stored: unknown values are null. */
export interface LocationReading {
  latitude: number;
  longitude: number;
  altitude: number | null;
  accuracy: number | null;
  verticalAccuracy: number | null;
  horizontalAccuracy: number | null;
  speed: number | null;
  recordedAt: Date;
}

@Injectable()
export class LocationRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Replaces the user's one location row (the last write wins). Two first writes racing
   * meet on the primary key: the loser runs again and updates.
   */
  replaceForUser(userId: string, reading: LocationReading): Promise<LocationRecord> {
    const data = { ...reading, coordinateSystem: 'gcj02' };
    return withUniqueRetry(() =>
      this.prisma.location.upsert({
        where: { userId },
        create: { userId, ...data },
        update: data,
        select: LOCATION_SELECT,
      }),
    );
  }

  findForUser(userId: string): Promise<LocationRecord | null> {
    return this.prisma.location.findUnique({ where: { userId }, select: LOCATION_SELECT });
  }
}
