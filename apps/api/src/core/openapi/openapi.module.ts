import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DocsController } from './docs.controller.js';
import { OpenApiService } from './openapi.service.js';
import { RouteDiscovery } from './route-discovery.js';

/** `GET /docs` (Swagger UI) and `GET /docs/openapi.json`, generated from the routes' contracts. */
@Module({
  imports: [DiscoveryModule],
  controllers: [DocsController],
  providers: [RouteDiscovery, OpenApiService],
  exports: [OpenApiService, RouteDiscovery],
})
export class OpenApiModule {}
