import { readFile } from 'node:fs/promises';

/**
 * After the whole e2e run: no credential the emulator issued (session keys, login and phone
 * codes, tokens), no app secret or private key, no phone number and no bearer token may
 * appear in anything the test apps logged, at any level.
 */
export async function findSecretsInLog(logFile: string, emulatorUrl: string): Promise<string[]> {
  const log = await readFile(logFile, 'utf8').catch(() => '');
  const admin = async <T>(path: string): Promise<T> => (await fetch(`${emulatorUrl}/__emulator${path}`)).json() as Promise<T>;
  const issued = await admin<Record<string, string[]>>('/issued-secrets');
  const apps = await admin<{ appid: string; secret: string; privateKeyPem: string | null }[]>('/apps');
  const users = (await Promise.all(apps.map((app) => admin<{ phone: { purePhoneNumber: string } | null }[]>(`/users?appid=${app.appid}`)))).flat();

  const known: [kind: string, value: string][] = [
    ...Object.entries(issued).flatMap(([kind, values]) => values.map((value): [string, string] => [kind, value])),
    ...apps.map((app): [string, string] => ['appSecret', app.secret]),
    // A PEM's body lines: a logged key would carry them whatever its line breaks became.
    ...apps.flatMap((app) => (app.privateKeyPem ?? '').split('\n').filter((line) => line.length === 64).slice(0, 3).map((line): [string, string] => ['privateKey', line])),
    ...users.flatMap((user) => (user.phone ? [['phoneNumber', user.phone.purePhoneNumber] as [string, string]] : [])),
  ];
  const found: string[] = [];
  for (const [kind, value] of known) {
    // Very short values would match by chance (and none of the real ones are that short).
    if (value.length >= 8 && log.includes(value)) found.push(`${kind} ${mask(value)}`);
  }
  const patterns: [kind: string, pattern: RegExp][] = [
    // Mainland mobile numbers not already known from the emulator (e.g. a test's own data).
    ['phone-like number', /(?<![A-Za-z0-9])1[3-9]\d{9}(?![A-Za-z0-9])/g],
    ['bearer token', /Bearer\s+[A-Za-z0-9_-]{20,}/gi],
  ];
  for (const [kind, pattern] of patterns) {
    for (const match of log.matchAll(pattern)) found.push(`${kind} ${mask(match[0])}`);
  }
  return [...new Set(found)];
}

/** Enough to find the value in the log, not enough to use it. */
function mask(value: string): string {
  return `${value.slice(0, 4)}…(${value.length} chars)`;
}
