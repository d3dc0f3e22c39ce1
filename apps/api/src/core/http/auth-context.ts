import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * Who is calling: set by SessionGuard (auth/, in the route pipeline) on every route with
 * `auth: 'user'`, read by every feature's controllers. It lives apart from the auth feature so features that need the
 * caller (users among them) do not depend on the feature that logs users in.
 */
export interface AuthContext {
  userId: string;
  sessionId: string;
  appId: string;
  /** The request's id, for the log lines a feature writes while serving it. */
  requestId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

/**
 * The id of the request being served (the access line's and the error envelope's), for a
 * public route's log lines: there is no ambient request context (see logging/request-logging.ts).
 */
export const RequestId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<{ id: string }>().id,
);

/** The caller of a session route. User ids never come from the client. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<{ auth?: AuthContext }>().auth;
  if (!auth) throw new Error('Caller used on a route without session auth');
  return auth;
});
