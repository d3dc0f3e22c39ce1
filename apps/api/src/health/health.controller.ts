import { Controller, Get } from '@nestjs/common';
import { ZHealthResponse, ZReadyResponse, type THealthResponse, type TReadyResponse } from '@douyin-kit/contracts';
import { Contract } from '../contract/contract.decorator.js';
import { ReadinessService } from './readiness.service.js';

@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers. Never touches the database, so a DB outage never restarts it. */
  @Get('health')
  @Contract({ summary: 'Liveness', auth: 'public', response: ZHealthResponse })
  health(): THealthResponse {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: the database answers and migrations are applied; 503 NOT_READY otherwise. */
  @Get('ready')
  @Contract({ summary: 'Readiness', auth: 'public', response: ZReadyResponse, errors: ['NOT_READY'] })
  ready(): Promise<TReadyResponse> {
    return this.readiness.check();
  }
}
