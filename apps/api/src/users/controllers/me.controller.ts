import { Controller, Get } from '@nestjs/common';
import { ZUser, type TUser } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { AppError } from '../../errors/app-error.js';
import { toUserOutput } from '../outputs/user.output.js';
import { UsersRepository } from '../users.repository.js';

@Controller('me')
export class MeController {
  constructor(private readonly users: UsersRepository) {}

  @Get()
  @Contract({ summary: 'The calling user', response: ZUser, errors: ['UNAUTHENTICATED'] })
  async me(@Caller() caller: AuthContext): Promise<TUser> {
    const user = await this.users.findOutputRowById(caller.userId);
    // A session outliving its user means the user was deleted: the session is as good as gone.
    if (!user) throw new AppError('UNAUTHENTICATED', 'This session no longer has a user: log in again');
    return toUserOutput(user);
  }
}
