import { Injectable } from '@nestjs/common';
import type { TProfileRequest, TUser } from '@douyin-kit/contracts';
import type { AuthContext } from '../../auth/auth-context.js';
import { Clock } from '../../clock/clock.js';
import { AppError } from '../../errors/app-error.js';
import { SessionPayloadDecryptor } from '../../session-payload/session-payload.decryptor.js';
import { toUserOutput } from '../../users/outputs/user.output.js';
import { ProfileRepository } from '../profile.repository.js';
import { readProfileFields } from './profile-fields.js';

@Injectable()
export class ProfileService {
  constructor(
    private readonly decryptor: SessionPayloadDecryptor,
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the caller's getUserProfile result. Only the decrypted values are kept: rawData is
   * just what the signature covers, and the encrypted copy carries the watermark check.
   */
  async update(caller: AuthContext, input: TProfileRequest): Promise<TUser> {
    const data = await this.decryptor.open<Record<string, unknown>>(caller.sessionId, input, {
      api: 'getUserProfile',
      signed: { rawData: input.rawData, signature: input.signature },
    });
    const user = await this.profiles.save(caller.userId, readProfileFields(data), this.clock.now());
    if (!user) throw new AppError('UNAUTHENTICATED', 'This session no longer has a user: log in again');
    return toUserOutput(user);
  }
}
