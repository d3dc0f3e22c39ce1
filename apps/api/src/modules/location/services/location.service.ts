import { Injectable } from '@nestjs/common';
import type { TLastLocation, TLocation, TLocationRequest } from '@douyin-kit/contracts';
import { Clock } from '../../../core/clock/clock.js';
import { LocationRepository } from '../location.repository.js';
import { toLocationOutput } from '../outputs/location.output.js';

@Injectable()
export class LocationService {
  constructor(
    private readonly locations: LocationRepository,
    private readonly clock: Clock,
  ) {}

  /** Keeps the reading as the user's last known location, timed by the server's clock. */
  async record(userId: string, request: TLocationRequest): Promise<TLocation> {
    const location = await this.locations.replaceForUser(userId, {
      latitude: request.latitude,
      longitude: request.longitude,
      altitude: request.altitude ?? null,
      accuracy: knownOrNull(request.accuracy),
      verticalAccuracy: knownOrNull(request.verticalAccuracy),
      horizontalAccuracy: knownOrNull(request.horizontalAccuracy),
      speed: knownOrNull(request.speed),
      recordedAt: this.clock.now(),
    });
    return toLocationOutput(location);
  }

  async find(userId: string): Promise<TLastLocation> {
    const location = await this.locations.findForUser(userId);
    return { location: location ? toLocationOutput(location) : null };
  }
}

/** iOS reports an accuracy or speed it does not know as -1. */
function knownOrNull(value: number | null | undefined): number | null {
  return value === undefined || value === null || value < 0 ? null : value;
}
