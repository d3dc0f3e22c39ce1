import { Injectable } from '@nestjs/common';
import type { TUser } from '@douyin-kit/contracts';
import { AppError } from '../../../core/errors/app-error.js';
import type { AuthContext } from '../../../core/http/auth-context.js';
import { toUserOutput } from '../outputs/user.output.js';
import { UsersRepository } from '../users.repository.js';

/** The caller's own user (GET /me). */
@Injectable()
export class MeService {
  constructor(private readonly users: UsersRepository) {}

  async get(caller: AuthContext): Promise<TUser> {
    const user = await this.users.findOutputRowById(caller.userId);
    // A session outliving its user means the user was deleted: the session is as good as gone.
    if (!user) throw new AppError('UNAUTHENTICATED', 'This session no longer has a user: log in again');
    return toUserOutput(user);
  }
}
