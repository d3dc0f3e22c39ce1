import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.document.js';
import { RouteDiscovery } from './route-discovery.js';

/** The package's version, from `src/openapi` and `dist/openapi` alike. */
const VERSION = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

@Injectable()
export class OpenApiService {
  private built: OpenApiDocument | undefined;

  constructor(private readonly discovery: RouteDiscovery) {}

  /** Built on first use, when every module's controllers are known; routes never change after. */
  document(): OpenApiDocument {
    this.built ??= buildOpenApiDocument(this.discovery.routes(), { title: 'Douyin kit API', version: VERSION });
    return this.built;
  }
}
