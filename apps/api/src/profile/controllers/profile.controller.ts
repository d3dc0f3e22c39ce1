import { Body, Controller, Post } from '@nestjs/common';
import { ZProfileRequest, ZUser, type TProfileRequest, type TUser } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { ProfileService } from '../services/profile.service.js';
import { SESSION_PAYLOAD_ERRORS } from '../../session-payload/session-payload-errors.js';

@Controller('me')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Post('profile')
  @Contract({
    summary: "Store the caller's tt.getUserProfile result (decrypted with the session's key)",
    body: ZProfileRequest,
    response: ZUser,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', ...SESSION_PAYLOAD_ERRORS],
  })
  update(@Caller() caller: AuthContext, @Body() body: TProfileRequest): Promise<TUser> {
    return this.profiles.update(caller, body);
  }
}
