import { Controller } from '@nestjs/common';
import { routes, type RouteResponse } from '@douyin-kit/contracts';
import { Route } from '../../../core/contract/route.decorator.js';
import { ReadinessService } from '../services/readiness.service.js';

@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers. Never touches the database, so a DB outage never restarts it. */
  @Route(routes.health.live)
  health(): RouteResponse<typeof routes.health.live> {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: the database answers and migrations are applied; 503 NOT_READY otherwise. */
  @Route(routes.health.ready)
  ready(): Promise<RouteResponse<typeof routes.health.ready>> {
    return this.readiness.check();
  }
}
