import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import { Contract } from '../contract/contract.decorator.js';
import { DOCS_ASSETS, DOCS_PAGE, DOCS_PAGE_CSP, openDocsAsset, type DocsAsset } from './docs-page.js';
import { OpenApiService } from './openapi.service.js';

const ZAssetParams = z.object({ file: z.enum(Object.keys(DOCS_ASSETS) as [DocsAsset, ...DocsAsset[]]) });

@Controller('docs')
export class DocsController {
  constructor(private readonly openApi: OpenApiService) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  // Replaces the API's deny-all CSP (set in onRequest) for this one HTML page.
  @Header('content-security-policy', DOCS_PAGE_CSP)
  @Contract({ summary: 'API documentation (Swagger UI)', auth: 'public' })
  page(): string {
    return DOCS_PAGE;
  }

  @Get('openapi.json')
  @Contract({ summary: 'The OpenAPI 3.1 document of this API', auth: 'public' })
  document(): unknown {
    return this.openApi.document();
  }

  @Get('assets/:file')
  @Contract({ summary: 'Swagger UI files', auth: 'public', params: ZAssetParams, errors: ['VALIDATION_FAILED'] })
  asset(@Param('file') file: DocsAsset): StreamableFile {
    return new StreamableFile(openDocsAsset(file), { type: DOCS_ASSETS[file] });
  }
}
