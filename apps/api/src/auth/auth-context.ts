import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Who is calling: set by SessionGuard on every route with `auth: 'user'`. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  appId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

/** The caller of a session route. User ids never come from the client. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<{ auth?: AuthContext }>().auth;
  if (!auth) throw new Error('Caller used on a route without session auth');
  return auth;
});
