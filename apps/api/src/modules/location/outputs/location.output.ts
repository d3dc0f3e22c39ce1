import type { TLocation } from '@douyin-kit/contracts';
import type { LocationRecord } from '../location.repository.js';

export function toLocationOutput(location: LocationRecord): TLocation {
  return {
    latitude: location.latitude,
    longitude: location.longitude,
    // Only gcj02 is ever written (see LocationRepository.replaceForUser).
    coordinateSystem: 'gcj02',
    altitude: location.altitude,
    accuracy: location.accuracy,
    verticalAccuracy: location.verticalAccuracy,
    horizontalAccuracy: location.horizontalAccuracy,
    speed: location.speed,
    recordedAt: location.recordedAt.toISOString(),
  };
}
