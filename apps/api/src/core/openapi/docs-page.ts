import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TDocsAssetFile } from '@douyin-kit/contracts';

/**
 * Swagger UI from the `swagger-ui-dist` package, served by the API itself: the docs work
 * offline and with no CDN in the page. Only these files are reachable (no path from the URL
 * ever touches the file system): the route's params schema admits exactly these names.
 */
export const DOCS_ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const satisfies Record<TDocsAssetFile, string>;

const ASSET_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const loaded = new Map<TDocsAssetFile, Buffer>();

/**
 * The asset's bytes, read once on first use and kept (about 1.6 MB for the three). A file
 * stream per request would hold a descriptor for as long as a slow client takes to read the
 * 1.4 MB bundle, and opens it on libuv's small thread pool, where a busy pool left one fuzzed
 * request unanswered for 20 s in CI.
 */
export function docsAsset(file: TDocsAssetFile): Buffer {
  let bytes = loaded.get(file);
  if (!bytes) {
    bytes = readFileSync(join(ASSET_DIR, file));
    loaded.set(file, bytes);
  }
  return bytes;
}

/** The page's one inline script; the CSP allows exactly this text by its hash. */
const INIT_SCRIPT = `
    window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });
  `;

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Douyin kit API</title>
  <link rel="icon" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <noscript>The OpenAPI document: <a href="/docs/openapi.json">/docs/openapi.json</a></noscript>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>${INIT_SCRIPT}</script>
</body>
</html>
`;

/**
 * The Swagger UI page's CSP: exactly what it needs, all from this origin (checked in Chromium,
 * operations expanded, with no violation reported): its bundle and the init script above (by
 * hash, so no other inline script runs), its stylesheet (its components set styles through the
 * DOM, which CSP allows, so no 'unsafe-inline'), the `data:` SVG icons of that stylesheet, and
 * fetches of the OpenAPI document and of "Try it out". No framing, plugins, forms or <base>.
 */
export const DOCS_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${createHash('sha256').update(INIT_SCRIPT).digest('base64')}'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
