import { Injectable } from '@nestjs/common';
import type { TProfileRequest, TUser } from '@douyin-kit/contracts';
import type { AuthContext } from '../../../core/http/auth-context.js';
import { Clock } from '../../../core/clock/clock.js';
import { AppError } from '../../../core/errors/app-error.js';
import { SessionPayloadDecryptor } from '../../session-payload/session-payload.decryptor.js';
import { toUserOutput } from '../../users/outputs/user.output.js';
import { ProfileRepository } from '../profile.repository.js';
import { parseRawProfile, readProfileFields, sameProfile } from './profile-fields.js';

@Injectable()
export class ProfileService {
  constructor(
    private readonly decryptor: SessionPayloadDecryptor,
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the caller's getUserProfile result, only what the platform vouched for twice: rawData
   * must match its signature under the session's key, and the encrypted copy must decrypt (for
   * this app) to the same fields. The fields stored are the signed rawData's.
   */
  async update(caller: AuthContext, input: TProfileRequest): Promise<TUser> {
    const rawProfile = parseRawProfile(input.rawData);
    await this.decryptor.open<Record<string, unknown>>(caller, input, {
      api: 'getUserProfile',
      signed: { rawData: input.rawData, signature: input.signature },
      // A signed rawData that is not an object cannot come from the platform: rejected alike.
      accept: (decrypted) => rawProfile !== null && sameProfile(rawProfile, decrypted),
    });
    const user = await this.profiles.save(caller.userId, readProfileFields(rawProfile!), this.clock.now());
    if (!user) throw new AppError('UNAUTHENTICATED', 'This session no longer has a user: log in again');
    return toUserOutput(user);
  }
}
