import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { ADMIN_PREFIX } from './admin-input.js';

/** Where the dashboard lives; its page reads and acts through the admin API on the same origin. */
export const DASHBOARD_PATH = `${ADMIN_PREFIX}/ui`;

// The package's `ui/` folder sits two levels above both src/routes/admin and dist/routes/admin,
// so the same URL works from the sources (tests) and from the built package.
const UI_DIR = new URL('../../../ui/', import.meta.url);

const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'sections.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

// Only the package's own files run or style the page, and it only talks to its own origin: a
// nickname or webhook body shown on the page can never load or run anything.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the dashboard's static files (read once at start: a few small files). */
export function registerDashboardRoutes(app: FastifyInstance): void {
  const files = new Map(
    Object.entries(ASSETS).map(([name, type]) => [name, { body: readFileSync(new URL(name, UI_DIR)), headers: dashboardHeaders(type) }]),
  );
  const page = files.get('index.html')!;

  app.get(DASHBOARD_PATH, async (_request, reply) => reply.headers(page.headers).send(page.body));
  app.get(`${DASHBOARD_PATH}/`, async (_request, reply) => reply.redirect(DASHBOARD_PATH));
  // The page itself has one address; the other files are named, never looked up on disk.
  app.get<{ Params: { file: string } }>(`${DASHBOARD_PATH}/:file`, async (request, reply) => {
    const file = request.params.file === 'index.html' ? undefined : files.get(request.params.file);
    if (!file) return reply.code(404).send({ error: `no dashboard file ${request.params.file}` });
    return reply.headers(file.headers).send(file.body);
  });
}

function dashboardHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}
