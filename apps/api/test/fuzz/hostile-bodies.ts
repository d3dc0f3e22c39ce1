import type { JsonSchema } from '../openapi-operations.js';
import type { Random } from './random.js';
import { sampleValue } from './schema-sample.js';

/** What goes on the wire: bytes (or nothing) and the content type that claims to describe them. */
export interface WireBody {
  label: string;
  contentType?: string;
  data?: string | Buffer;
}

/** Whether the API may accept this body at all: JSON is the only media type it reads. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Stand-in replaced by raw JSON text after serialising (nesting too deep for JSON.stringify). */
const RAW_SLOT = '\u0001raw-slot\u0001';

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\uffff\ufffe',
  '\u202etxt.exe',
  '😀'.repeat(40),
  '\t\n\v\f\r',
  '\r\nX-Injected: yes',
  '<script>alert(1)</script>',
  "' OR '1'='1' --",
  '${jndi:ldap://127.0.0.1/x}',
  '../../../../etc/passwd',
  '%00%ff',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '\\',
  '"',
  'ｆｕｌｌｗｉｄｔｈ１２３',
  '\u0007\u001b[31mred',
];

const HOSTILE_NUMBERS = [0, -0, -1, 1.5, 1e308, -1e308, 5e-324, 2 ** 53 + 2, -(2 ** 63), 123456789012345680000];

const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, '', 'text', [], [null], {}, { nested: { deeper: [1, 'two'] } }];

/** Base64 the way it breaks in transit, and well-formed base64 of the wrong bytes. */
function badBase64(rng: Random): string {
  return rng.pick([
    () => '',
    () => '====',
    () => 'not base64 at all!',
    () => Buffer.from(rng.bytes(32)).toString('base64').replace(/\+/g, ' ').replace(/[A-Z]/, ' '),
    () => `${Buffer.from(rng.bytes(32)).toString('base64')}\n${Buffer.from(rng.bytes(16)).toString('base64')}`,
    () => Buffer.from(rng.bytes(rng.int(1, 40))).toString('base64url'),
    () =>
      Buffer.from(rng.bytes(rng.int(1, 40)))
        .toString('base64')
        .replace(/=+$/, ''),
    () => `${Buffer.from(rng.bytes(15)).toString('base64')}=`,
    () => Buffer.from(rng.bytes(16)).toString('base64'),
    () => Buffer.from(rng.bytes(16 * rng.int(1, 64))).toString('base64'),
    () => Buffer.from(rng.bytes(6000)).toString('base64'),
    () => '%2B%2F%3D',
    () => 'ＡＢＣＤ',
    () => '\u0000'.repeat(16),
  ])();
}

/** A fresh copy: later edits change the body in place and must never reach the shared pools. */
function wrongType(rng: Random): unknown {
  return structuredClone(rng.pick(WRONG_TYPES));
}

function hostileValue(rng: Random): unknown {
  return rng.weighted<() => unknown>([
    [4, () => rng.pick(HOSTILE_STRINGS)],
    [2, () => rng.pick(HOSTILE_NUMBERS)],
    [3, () => wrongType(rng)],
    [1, () => 'x'.repeat(rng.int(200, 20_000))],
    [1, () => Array.from({ length: rng.int(50, 3000) }, (_, i) => i)],
    [1, () => RAW_SLOT],
  ])();
}

/** Every key path of a JSON value, parents first. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => pathsOf((value as any)[key], [...prefix, key]))];
}

/** `root` with the value at `path` replaced by `next`, or removed when `next` is DELETE. */
function setAt(root: unknown, path: (string | number)[], next: unknown): unknown {
  if (!path.length) return next === DELETE ? undefined : next;
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], root);
  const key = path[path.length - 1]!;
  if (next === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else parent[key] = next;
  return root;
}
const DELETE = Symbol('delete');

/** Fields that carry ciphertext, IVs or signatures: where broken base64 matters most. */
const CRYPTO_FIELD = /encrypted|^iv$|signature|rawData|cipher/i;

/** A near-valid body with a few hostile edits. */
function mutatedBody(schema: JsonSchema, rng: Random): unknown {
  let body = sampleValue(schema, rng);
  for (let edits = rng.int(1, 3); edits > 0; edits--) {
    const paths = pathsOf(body);
    const path = rng.pick(paths);
    const cryptoPaths = paths.filter((p) => CRYPTO_FIELD.test(String(p[p.length - 1] ?? '')));
    body = rng.weighted<() => unknown>([
      [4, () => setAt(body, path, hostileValue(rng))],
      [2, () => (path.length ? setAt(body, path, DELETE) : body)],
      [cryptoPaths.length ? 4 : 0, () => setAt(body, rng.pick(cryptoPaths), badBase64(rng))],
      [2, () => (body && typeof body === 'object' && !Array.isArray(body) ? { ...body, ...extraFields(rng) } : body)],
      [1, () => wrongType(rng)],
    ])();
  }
  return body;
}

/** Fields a client should never be able to set, and prototype-pollution bait. */
function extraFields(rng: Random): Record<string, unknown> {
  return rng.pick<Record<string, unknown>>([
    { userId: rng.uuid(), user_id: rng.uuid(), id: rng.uuid() },
    { isAdmin: true, role: 'admin', appId: 'tt_other_app' },
    { sessionKey: 'x', session_key: 'y', openid: 'o' },
    { constructor: { prototype: { polluted: true } } },
    Object.fromEntries(Array.from({ length: rng.int(70, 2000) }, (_, i) => [`f${i}`, i])),
  ]);
}

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` levels, as text. */
function deepJson(rng: Random, depth: number): string {
  return rng.chance(0.5) ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function serialise(value: unknown, rng: Random): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.includes(JSON.stringify(RAW_SLOT)) ? text.replace(JSON.stringify(RAW_SLOT), deepJson(rng, rng.int(100, 20_000))) : text;
}

const JSON_TYPE = 'application/json';

/**
 * A body for a route: shaped by its schema (or by nothing, for routes that take none), then
 * broken in one of many ways: values, types, sizes, nesting, encodings and content types.
 */
export function hostileBody(schema: JsonSchema | undefined, rng: Random, bodyLimitBytes: number): WireBody {
  const near = () => (schema ? sampleValue(schema, rng) : { anything: rng.string(8) });
  return rng.weighted<() => WireBody>([
    [schema ? 8 : 1, () => ({ label: 'near-valid body', contentType: JSON_TYPE, data: serialise(near(), rng) })],
    [schema ? 30 : 4, () => ({ label: 'mutated body', contentType: JSON_TYPE, data: serialise(mutatedBody(schema ?? {}, rng), rng) })],
    [4, () => ({ label: 'not an object', contentType: JSON_TYPE, data: serialise(rng.pick([[], 'text', 42, null, true, [near()]]), rng) })],
    [4, () => ({ label: 'deeply nested', contentType: JSON_TYPE, data: deepJson(rng, rng.int(1000, 30_000)) })],
    [
      3,
      () => ({
        label: 'huge string',
        contentType: JSON_TYPE,
        data: JSON.stringify({ ...(near() as object), big: 'x'.repeat(rng.int(bodyLimitBytes / 2, bodyLimitBytes * 2)) }),
      }),
    ],
    [5, () => ({ label: 'invalid JSON', contentType: JSON_TYPE, data: rng.pick(INVALID_JSON)(serialise(near(), rng)) })],
    [3, () => ({ label: 'empty JSON body', contentType: JSON_TYPE, data: '' })],
    [
      2,
      () => ({
        label: 'not UTF-8',
        contentType: `${JSON_TYPE}; charset=utf-8`,
        data: Buffer.concat([Buffer.from('{"code":"'), rng.bytes(24), Buffer.from('"}')]),
      }),
    ],
    [6, () => ({ label: 'wrong content type', contentType: rng.pick(WRONG_TYPES_OF_CONTENT), data: serialise(near(), rng) })],
    [3, () => ({ label: 'form body', contentType: 'application/x-www-form-urlencoded', data: formOf(near(), rng) })],
    [2, () => ({ label: 'no content type', data: Buffer.from(serialise(near(), rng)) })],
    [schema ? 2 : 6, () => ({ label: 'no body' })],
  ])();
}

const INVALID_JSON: ((valid: string) => string)[] = [
  (v) => v.slice(0, Math.max(1, v.length - 1)),
  (v) => `${v},`,
  (v) => v.replace(/"/g, "'"),
  (v) => `${v}${v}`,
  () => '{"a":1,}',
  () => '{a:1}',
  () => '{"a":NaN}',
  () => '{"a":1 /* comment */}',
  () => '\ufeff{"code":"x"}',
  () => '{"__proto__":{"polluted":true}}',
  () => '{"constructor":{"prototype":{"polluted":true}}}',
  () => '{"a":"\\ud800\\u0000"}',
  () => '"unterminated',
  () => '[',
  () => 'null null',
];

const WRONG_TYPES_OF_CONTENT = [
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html',
  'application/xml',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  'application/jsonx',
  'application/json-patch+json',
  'application/vnd.api+json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'image/png',
  '*/*',
  'application/',
];

function formOf(value: unknown, rng: Random): string {
  const entries: [string, unknown][] = value && typeof value === 'object' ? Object.entries(value) : [['value', value]];
  const pairs = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : String(JSON.stringify(v)))}`);
  if (rng.chance(0.3)) pairs.push('__proto__[polluted]=1', 'constructor[prototype][polluted]=1');
  return pairs.join('&');
}
