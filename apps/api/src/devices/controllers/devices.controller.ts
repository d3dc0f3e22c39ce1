import { Body, Controller, Get, Post } from '@nestjs/common';
import { MAX_DEVICES_PER_USER, ZDevice, ZDeviceList, ZDeviceRequest, type TDevice, type TDeviceList, type TDeviceRequest } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { DevicesService } from '../services/devices.service.js';

@Controller('me/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  /**
   * 200 whether the device is new or known: the client does the same thing either way. A user
   * keeps at most MAX_DEVICES_PER_USER devices; a new one beyond that replaces the least
   * recently seen.
   */
  @Post()
  @Contract({
    summary: `Report this device (the result of tt.getSystemInfo); the user keeps the ${MAX_DEVICES_PER_USER} most recently seen`,
    body: ZDeviceRequest,
    response: ZDevice,
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED'],
  })
  report(@Caller() caller: AuthContext, @Body() body: TDeviceRequest): Promise<TDevice> {
    return this.devices.report(caller.userId, body);
  }

  @Get()
  @Contract({ summary: "The calling user's devices, most recently seen first", response: ZDeviceList, errors: ['UNAUTHENTICATED'] })
  async list(@Caller() caller: AuthContext): Promise<TDeviceList> {
    return { devices: await this.devices.list(caller.userId) };
  }
}
