import type { Server } from 'node:http';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { settleWithin } from './settle-within.js';

/**
 * The HTTP half of a graceful shutdown. Nest runs its hooks in the order destroy →
 * before-shutdown → close the server → shutdown, so on its own the API would keep taking
 * requests while its notification workers and database pool were being torn down. Provided by
 * the root module, whose hooks run first:
 * - onModuleDestroy, the very start of the shutdown: stop listening (new connections are
 *   refused) and close idle keep-alive connections; a request that still arrives on an open
 *   connection gets 503 NOT_READY (see `registerDrainHooks`);
 * - beforeApplicationShutdown, once the workers have stopped and before the database pool
 *   closes (PrismaService disconnects in onApplicationShutdown): wait for the requests in
 *   flight, up to SHUTDOWN_TIMEOUT_SECONDS, then cut whatever is left.
 */
@Injectable()
export class HttpDrain implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private drained: Promise<void> | undefined;
  private deadline = 0;
  draining = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): void {
    const server = this.server();
    if (!server?.listening) return;
    this.draining = true;
    this.deadline = Date.now() + this.config.shutdown.timeoutMs;
    // Called back once every connection has ended: the in-flight requests are answered.
    this.drained = new Promise((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    this.logger.log('Shutting down: new connections refused, finishing the requests in flight');
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.drained) return;
    if (await settleWithin(this.drained, this.deadline - Date.now())) return;
    this.logger.warn(`Requests still running after SHUTDOWN_TIMEOUT_SECONDS (${this.config.shutdown.timeoutMs / 1000} s): connections closed`);
    this.server()?.closeAllConnections();
  }

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }
}

/**
 * While draining, a request on a connection opened before the shutdown is turned away with the
 * API's own envelope (the readiness code: the load balancer should already have stopped sending
 * here), and every answer closes its connection, so kept-alive sockets end with their last
 * in-flight response instead of holding the shutdown open.
 */
export function registerDrainHooks(fastify: FastifyInstance, drain: HttpDrain): void {
  // Callback hooks, not async ones: every request passes them, and a promise each is not free.
  fastify.addHook('onRequest', (_request, _reply, done) => {
    if (!drain.draining) return done();
    done(new AppError('NOT_READY', 'The server is shutting down: retry, another instance will answer', { retryAfterSeconds: 1 }));
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (drain.draining) reply.header('connection', 'close');
    done(null, payload);
  });
}
