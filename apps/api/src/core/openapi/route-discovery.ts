import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { RouteContract } from '@douyin-kit/contracts';
import { CONTRACT_METADATA } from '../contract/route.decorator.js';

export interface DiscoveredRoute {
  /** Upper-case HTTP method. */
  method: string;
  /** Nest/Fastify form, e.g. `/devices/:id`. */
  path: string;
  controller: string;
  handler: string;
  /** Undefined for a handler bound with a bare `@Get`/`@Post` instead of `@Route`: the pipeline then closes it (session). */
  contract: RouteContract | undefined;
  /** The controller method itself (its decorators' metadata). */
  target: object;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '']).map(String);

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/**
 * Every route of the app, read from the same metadata Nest's router reads, so a module added
 * tomorrow shows up in the OpenAPI document without registering anything.
 */
@Injectable()
export class RouteDiscovery {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): DiscoveredRoute[] {
    const routes: DiscoveredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodPaths === undefined || method === undefined) continue;
        const contract = this.reflector.get<RouteContract | undefined>(CONTRACT_METADATA, handler as never);
        for (const base of controllerPaths) {
          for (const path of asList(methodPaths)) {
            routes.push({
              method: RequestMethod[method],
              path: joinPath(base, path),
              controller: controller.name,
              handler: name,
              contract,
              target: handler,
            });
          }
        }
      }
    }
    return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  }
}
