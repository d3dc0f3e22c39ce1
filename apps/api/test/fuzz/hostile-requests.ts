import { fillPath, type Operation } from '../openapi-operations.js';
import { hostileBody, isJsonMediaType } from './hostile-bodies.js';
import type { Random } from './random.js';
import { sampleValue } from './schema-sample.js';

/** The credentials a fuzz run holds: live sessions, a revoked one, and the real admin key. */
export interface FuzzCredentials {
  sessions: string[];
  revokedSession: string;
  adminKey: string;
}

export interface FuzzRequest {
  index: number;
  /** The document's operation it was made from, e.g. `DELETE /me/addresses/{id}`. */
  route: string;
  method: string;
  /** Path and query, already encoded (or deliberately not). */
  url: string;
  headers: Record<string, string>;
  data?: string | Buffer;
  /** What was done to it, for grouping failures. */
  label: string;
  /** Whether a 2xx is acceptable: the route is public, or the request holds its credential. */
  mayPass: boolean;
}

interface Auth {
  label: string;
  headers: Record<string, string>;
  session: boolean;
  admin: boolean;
}

/** Credentials, good, forged and broken, for one request. */
function hostileAuth(rng: Random, creds: FuzzCredentials): Auth {
  const session = rng.pick(creds.sessions);
  const forged = rng.string(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  const wrongKey = () =>
    rng.pick([
      rng.string(creds.adminKey.length),
      creds.adminKey.slice(0, -1),
      `${creds.adminKey}x`,
      creds.adminKey.toUpperCase(),
      'x'.repeat(rng.int(1, 4000)),
      session,
    ]);
  const bearer = (value: string) => ({ authorization: value });
  return rng.weighted<() => Auth>([
    [14, () => ({ label: 'anonymous', headers: {}, session: false, admin: false })],
    [26, () => ({ label: 'valid session', headers: bearer(`Bearer ${session}`), session: true, admin: false })],
    [8, () => ({ label: 'forged bearer', headers: bearer(`Bearer ${forged}`), session: false, admin: false })],
    [4, () => ({ label: 'revoked session', headers: bearer(`Bearer ${creds.revokedSession}`), session: false, admin: false })],
    [
      10,
      () => ({
        label: 'malformed bearer',
        headers: bearer(
          rng.pick([
            'Bearer',
            'Bearer ',
            `Bearer ${session} extra`,
            `Bearer ${session.slice(0, 20)}`,
            `Basic ${Buffer.from(`admin:${creds.adminKey}`).toString('base64')}`,
            `Token ${session}`,
            `Bearer ${'A'.repeat(rng.int(44, 6000))}`,
            `Bearer ${session}%00`,
            `Bearer ../../${session}`,
            `Bearer ${creds.adminKey}`,
            session,
          ]),
        ),
        session: false,
        admin: false,
      }),
    ],
    [14, () => ({ label: 'admin key', headers: { 'x-admin-key': creds.adminKey }, session: false, admin: true })],
    [10, () => ({ label: 'wrong admin key', headers: { 'x-admin-key': wrongKey() }, session: false, admin: false })],
    [
      4,
      () => ({
        label: 'session and wrong admin key',
        headers: { ...bearer(`Bearer ${session}`), 'x-admin-key': wrongKey() },
        session: true,
        admin: false,
      }),
    ],
  ])();
}

const HOSTILE_PARAMS = [
  'not-a-uuid',
  '..',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%00',
  '%E0%A4%A',
  '%',
  '%ZZ',
  '%F0%9F%98%80',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '{00000000-0000-4000-8000-000000000000}',
  '13800000000',
  '-1',
  '1e9',
  'null',
  '__proto__',
  '%20',
  ';drop%20table%20addresses',
  '<x>',
  '%252e%252e',
];

function hostileParam(rng: Random): { value: string; raw: boolean } {
  return rng.weighted<() => { value: string; raw: boolean }>([
    [6, () => ({ value: rng.pick(HOSTILE_PARAMS), raw: true })],
    [2, () => ({ value: rng.string(rng.int(90, 600)), raw: true })],
    [2, () => ({ value: rng.pick(['a b', 'ü', '😀', '/', '?', '#', '\\']), raw: false })],
    [1, () => ({ value: `${rng.uuid()}x`, raw: true })],
  ])();
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

const HOSTILE_QUERIES = ['', '', '', '?a=1&a=2', '?__proto__[polluted]=1', '?id=%00', `?x=${'q'.repeat(3000)}`, '?token=abc&code=def', '?%E0%A4%A=1'];

/** Request number `index` of a run: a route of the document (or none), mangled. */
export function hostileRequest(index: number, rng: Random, operations: Operation[], creds: FuzzCredentials, bodyLimitBytes: number): FuzzRequest {
  const operation = rng.pick(operations);
  const auth = hostileAuth(rng, creds);
  const target = rng.weighted<'route' | 'param' | 'method' | 'unknown'>([
    [80, 'route'],
    [operation.pathParams.length ? 12 : 0, 'param'],
    [5, 'method'],
    [3, 'unknown'],
  ]);
  let method = operation.method;
  let label = target === 'route' ? '' : `bad ${target}`;
  const params: Record<string, string> = {};
  let raw = false;
  for (const param of operation.pathParams) {
    if (target === 'param') {
      const bad = hostileParam(rng);
      params[param.name] = bad.value;
      raw = bad.raw;
    } else params[param.name] = String(sampleValue(param.schema, rng));
  }
  let url = fillPath(operation.path, params, raw) + rng.pick(HOSTILE_QUERIES);
  if (target === 'method') {
    // A method the path does not serve (Fastify serves HEAD wherever there is a GET).
    const served = operations.filter((o) => o.path === operation.path).flatMap((o) => (o.method === 'GET' ? ['GET', 'HEAD'] : [o.method]));
    method = rng.pick(METHODS.filter((m) => !served.includes(m)));
  }
  if (target === 'unknown')
    url = rng.pick([
      '/',
      '/me/',
      '/admin',
      '/admin/notifications/',
      '/me/addresses/x/y',
      `/${rng.string(12)}`,
      '//me',
      '/me/../admin/notifications',
      '/ME',
    ]);

  const sendsBody = operation.body !== undefined || rng.chance(0.2);
  const body = sendsBody && !['GET', 'HEAD'].includes(method) ? hostileBody(operation.body, rng, bodyLimitBytes) : { label: 'no body' as const };
  label = [label, body.label, auth.label].filter(Boolean).join(', ');

  const headers: Record<string, string> = { ...auth.headers, ...(body.contentType ? { 'content-type': body.contentType } : {}) };
  // Logging out a shared session would turn the rest of the run's "valid session" into 401s.
  const logsOut = operation.key === 'POST /auth/logout' && auth.session;
  if (logsOut) headers.authorization = `Bearer ${creds.revokedSession}`;

  const sameRoute = target === 'route' || target === 'param';
  // A form, plain text or any other non-JSON body must be refused (415), credentials or not.
  const readable = body.data === undefined || isJsonMediaType(body.contentType);
  const holds =
    operation.auth === 'public' || (operation.auth === 'session' && auth.session && !logsOut) || (operation.auth === 'admin' && auth.admin);
  return { index, route: operation.key, method, url, headers, data: body.data, label, mayPass: sameRoute && holds && readable };
}
