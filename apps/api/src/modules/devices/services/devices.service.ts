import { Injectable } from '@nestjs/common';
import { MAX_DEVICES_PER_USER, type TDevice, type TDeviceRequest } from '@douyin-kit/contracts';
import { Clock } from '../../../core/clock/clock.js';
import { deviceKeyOf } from '../device-key.js';
import { DevicesRepository } from '../devices.repository.js';
import { toDeviceOutput } from '../outputs/device.output.js';

@Injectable()
export class DevicesService {
  constructor(
    private readonly devices: DevicesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a getSystemInfo report: one row per device of the user (see deviceKeyOf), at most
   * MAX_DEVICES_PER_USER of them (the least recently seen goes).
   */
  async report(userId: string, info: TDeviceRequest): Promise<TDevice> {
    const device = await this.devices.recordReport(
      userId,
      deviceKeyOf(info),
      {
        brand: info.brand,
        model: info.model,
        system: info.system,
        platform: info.platform,
        appName: info.appName || null,
        appVersion: info.version || null,
        sdkVersion: info.SDKVersion || null,
        snapshot: info,
      },
      this.clock.now(),
      MAX_DEVICES_PER_USER,
    );
    return toDeviceOutput(device);
  }

  async list(userId: string): Promise<TDevice[]> {
    return (await this.devices.listForUser(userId)).map(toDeviceOutput);
  }
}
