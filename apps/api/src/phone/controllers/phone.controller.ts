import { Body, Controller, Post } from '@nestjs/common';
import { ZPhoneRequest, ZPhoneResponse, type TPhoneRequest, type TPhoneResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { PhoneService } from '../services/phone.service.js';
import { SESSION_PAYLOAD_ERRORS } from '../../session-payload/session-payload-errors.js';

@Controller('me')
export class PhoneController {
  constructor(private readonly phones: PhoneService) {}

  @Post('phone')
  @Contract({
    summary: "Store the caller's phone number from getPhoneNumber (old encryptedData/iv flow or new code flow)",
    body: ZPhoneRequest,
    response: ZPhoneResponse,
    errors: [
      'VALIDATION_FAILED',
      'UNAUTHENTICATED',
      ...SESSION_PAYLOAD_ERRORS,
      'PHONE_CODE_INVALID',
      'PHONE_NUMBER_INVALID',
      'UPSTREAM_ERROR',
      'UPSTREAM_UNAVAILABLE',
      'NOT_READY',
    ],
  })
  save(@Caller() caller: AuthContext, @Body() body: TPhoneRequest): Promise<TPhoneResponse> {
    return this.phones.save(caller, body);
  }
}
