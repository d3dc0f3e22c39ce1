import { readFile } from 'node:fs/promises';
import { EmulatorAdmin } from '@douyin-kit/douyin-emulator/admin';
import { readCapturedResponses } from './response-capture.js';

export type { CapturedResponse } from './response-capture.js';

/** A secret the scan looks for, with what to call it in the report (never the value itself). */
export type KnownSecret = [kind: string, value: string];
type Known = KnownSecret;

/**
 * After the whole e2e run: no credential the emulator issued (session keys, login and phone
 * codes, tokens), no app secret or private key, no phone number of a Douyin user, none of the
 * run's own secrets (`extra`: the admin keys its APIs ran with) and no bearer token may appear
 * in anything the test apps logged, at any level, nor in any response (body or header) they
 * sent. Logs must not hold the API's own session tokens either (read from the captured login
 * answers); responses may, login hands them out. `files.responses` may not exist (none captured).
 */
export async function findLeakedSecrets(
  files: { log: string; responses: string },
  emulatorUrl: string,
  extra: KnownSecret[] = [],
): Promise<string[]> {
  const known = [...(await knownSecrets(new EmulatorAdmin(emulatorUrl))), ...extra];
  const log = await readFile(files.log, 'utf8').catch(() => '');
  const responses = await readCapturedResponses(files.responses);
  const sessionTokens = responses.sessionTokens.map((token): Known => ['sessionToken', token]);
  return [
    ...scan('log', log, [...known, ...sessionTokens], [PHONE_LIKE, BEARER]),
    // Not PHONE_LIKE: an address's telNumber is the user's own data, returned to them.
    ...scan('response', responses.text, known, [BEARER]),
  ];
}

async function knownSecrets(emulator: EmulatorAdmin): Promise<Known[]> {
  const issued = await emulator.issuedSecrets();
  const apps = await emulator.apps();
  const users = (await Promise.all(apps.map((app) => emulator.users(app.appid)))).flat();
  return [
    ...Object.entries(issued).flatMap(([kind, values]) => values.map((value): Known => [kind, value])),
    ...apps.map((app): Known => ['appSecret', app.secret]),
    // A PEM's body lines: a logged key would carry them whatever its line breaks became.
    ...apps.flatMap((app) =>
      (app.privateKeyPem ?? '')
        .split('\n')
        .filter((line) => line.length === 64)
        .slice(0, 3)
        .map((line): Known => ['privateKey', line]),
    ),
    ...users.flatMap((user) => (user.phone ? [['phoneNumber', user.phone.purePhoneNumber] as Known] : [])),
  ];
}

const PHONE_LIKE: [string, RegExp] = ['phone-like number', /(?<![A-Za-z0-9])1[3-9]\d{9}(?![A-Za-z0-9])/g];
const BEARER: [string, RegExp] = ['bearer token', /Bearer\s+[A-Za-z0-9_-]{20,}/gi];

function scan(where: string, text: string, known: Known[], patterns: [string, RegExp][]): string[] {
  const found = findKnown(text, known).map(([kind, value]) => `${where}: ${kind} ${mask(value)}`);
  for (const [kind, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) found.push(`${where}: ${kind} ${mask(match[0])}`);
  }
  return [...new Set(found)];
}

/** Very short values would match by chance (and none of the real ones are that short). */
const MIN_LENGTH = 8;

/**
 * Which known values occur in `text`: one pass over the text with the values indexed by their
 * first characters, since a run issues thousands of secrets and its captures hold megabytes.
 */
export function findKnown(text: string, known: Known[]): Known[] {
  const byPrefix = new Map<string, Known[]>();
  for (const entry of known) {
    if (entry[1].length < MIN_LENGTH) continue;
    const prefix = entry[1].slice(0, MIN_LENGTH);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), entry]);
  }
  const found = new Set<Known>();
  for (let i = 0; i + MIN_LENGTH <= text.length; i++) {
    for (const entry of byPrefix.get(text.slice(i, i + MIN_LENGTH)) ?? []) {
      if (text.startsWith(entry[1], i) && !insideLongerNumber(text, i, entry[1])) found.add(entry);
    }
  }
  return [...found];
}

/**
 * A number inside a run of more digits than any phone number has (E.164: 15 with the country
 * code) is another number: the hostile-input run sends values like 123456789012345680000, which
 * holds a test user's phone 12345678901 but is not it. `+8613812345678` still counts.
 */
function insideLongerNumber(text: string, at: number, value: string): boolean {
  if (!/^\d+$/.test(value)) return false;
  const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
  let start = at;
  let end = at + value.length;
  while (isDigit(text[start - 1])) start--;
  while (isDigit(text[end])) end++;
  return end - start > value.length && end - start > 15;
}

/** Enough to find the value in the log, not enough to use it. */
function mask(value: string): string {
  return `${value.slice(0, 4)}…(${value.length} chars)`;
}
