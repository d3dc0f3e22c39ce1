import { Body, Controller, Get, Post } from '@nestjs/common';
import { ZLocation, ZLocationRequest, type TLocation, type TLocationRequest } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { LocationService } from '../services/location.service.js';

@Controller('me/location')
export class LocationController {
  constructor(private readonly locations: LocationService) {}

  @Post()
  @Contract({
    summary: 'Record the last known location (the result of tt.getLocation, gcj02)',
    body: ZLocationRequest,
    response: ZLocation,
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED'],
  })
  record(@Caller() caller: AuthContext, @Body() body: TLocationRequest): Promise<TLocation> {
    return this.locations.record(caller.userId, body);
  }

  @Get()
  @Contract({ summary: "The calling user's last known location", response: ZLocation, errors: ['UNAUTHENTICATED', 'NOT_FOUND'] })
  find(@Caller() caller: AuthContext): Promise<TLocation> {
    return this.locations.find(caller.userId);
  }
}
