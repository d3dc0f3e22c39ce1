import { Controller } from '@nestjs/common';
import { routes, type RouteResponse } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Route } from '../../contract/route.decorator.js';
import { AppError } from '../../errors/app-error.js';
import { toUserOutput } from '../outputs/user.output.js';
import { UsersRepository } from '../users.repository.js';

@Controller()
export class MeController {
  constructor(private readonly users: UsersRepository) {}

  @Route(routes.me.get)
  async me(@Caller() caller: AuthContext): Promise<RouteResponse<typeof routes.me.get>> {
    const user = await this.users.findOutputRowById(caller.userId);
    // A session outliving its user means the user was deleted: the session is as good as gone.
    if (!user) throw new AppError('UNAUTHENTICATED', 'This session no longer has a user: log in again');
    return toUserOutput(user);
  }
}
