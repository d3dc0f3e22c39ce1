import { Module } from '@nestjs/common';
import { DevicesController } from './controllers/devices.controller.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesService } from './services/devices.service.js';

/**
 * The devices a user runs the mini-program on, from `tt.getSystemInfo` reports
 * (`POST /me/devices`, `GET /me/devices`). Douyin exposes no device id: a device is the
 * hash of its stable hardware identity (platform, brand, model, physical screen), not of
 * versions or battery, which change on the same phone. Two identical phones of one user
 * therefore share one row. The full reasoning is on deviceKeyOf (device-key.ts).
 */
@Module({
  controllers: [DevicesController],
  providers: [DevicesRepository, DevicesService],
})
export class DevicesModule {}
