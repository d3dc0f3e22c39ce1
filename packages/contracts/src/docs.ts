import * as z from 'zod/mini';

/** The Swagger UI files the API serves under `/docs/assets/` (from `swagger-ui-dist`), and no other. */
export const DOCS_ASSET_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'] as const;
export type TDocsAssetFile = (typeof DOCS_ASSET_FILES)[number];

/** `GET /docs/assets/:file`. */
export const ZDocsAssetParams = z.object({ file: z.enum(DOCS_ASSET_FILES) });
export type TDocsAssetParams = z.infer<typeof ZDocsAssetParams>;
