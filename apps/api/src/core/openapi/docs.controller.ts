import { Controller, Header, Param, StreamableFile } from '@nestjs/common';
import { routes, type RouteParams } from '@douyin-kit/contracts';
import { Route } from '../contract/route.decorator.js';
import { DOCS_ASSETS, DOCS_PAGE, DOCS_PAGE_CSP, docsAsset } from './docs-page.js';
import { OpenApiService } from './openapi.service.js';

@Controller()
export class DocsController {
  constructor(private readonly openApi: OpenApiService) {}

  @Route(routes.docs.page)
  @Header('content-type', 'text/html; charset=utf-8')
  // Replaces the API's deny-all CSP (set in onRequest) for this one HTML page.
  @Header('content-security-policy', DOCS_PAGE_CSP)
  page(): string {
    return DOCS_PAGE;
  }

  @Route(routes.docs.openApi)
  document(): unknown {
    return this.openApi.document();
  }

  @Route(routes.docs.asset)
  asset(@Param() { file }: RouteParams<typeof routes.docs.asset>): StreamableFile {
    const bytes = docsAsset(file);
    return new StreamableFile(bytes, { type: DOCS_ASSETS[file], length: bytes.length });
  }
}
