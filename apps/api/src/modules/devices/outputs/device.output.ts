import type { TDevice } from '@douyin-kit/contracts';
import type { DeviceRecord } from '../devices.repository.js';

export function toDeviceOutput(device: DeviceRecord): TDevice {
  return {
    id: device.id,
    brand: device.brand,
    model: device.model,
    system: device.system,
    platform: device.platform,
    appName: device.appName,
    appVersion: device.appVersion,
    sdkVersion: device.sdkVersion,
    firstSeenAt: device.firstSeenAt.toISOString(),
    lastSeenAt: device.lastSeenAt.toISOString(),
    // Written only by recordReport, always from a JSON object.
    snapshot: device.snapshot as Record<string, unknown>,
  };
}
