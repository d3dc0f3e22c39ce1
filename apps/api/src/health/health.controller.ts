import { Controller, Get } from '@nestjs/common';
import type { THealthResponse, TReadyResponse } from '@douyin-kit/contracts';
import { ReadinessService } from './readiness.service.js';

@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers. Never touches the database, so a DB outage never restarts it. */
  @Get('health')
  health(): THealthResponse {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: the database answers and migrations are applied; 503 NOT_READY otherwise. */
  @Get('ready')
  ready(): Promise<TReadyResponse> {
    return this.readiness.check();
  }
}
