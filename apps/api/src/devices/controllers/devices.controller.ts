import { Body, Controller, Get, Post } from '@nestjs/common';
import { ZDevice, ZDeviceList, ZDeviceRequest, type TDevice, type TDeviceList, type TDeviceRequest } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../auth/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { DevicesService } from '../services/devices.service.js';

@Controller('me/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  /** 200 whether the device is new or known: the client does the same thing either way. */
  @Post()
  @Contract({
    summary: 'Report this device (the result of tt.getSystemInfo)',
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
