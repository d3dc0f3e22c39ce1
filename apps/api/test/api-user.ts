import { ZLoginResponse } from '@douyin-kit/contracts';
import { Client } from 'pg';
import { inject } from 'vitest';
import type { RunningApp } from './create-app.js';
import { emulator } from './emulator.js';

export interface ApiUser {
  /** The user's id on the emulator (what the device admin calls take). */
  douyinUserId: string;
  /** Our user id. */
  userId: string;
  token: string;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
}

export async function postJson(baseUrl: string, path: string, body: unknown, token?: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/**
 * A new emulator user (`fields` as the emulator's POST /users takes them: profile, phone,
 * loggedIn) who ran tt.login and POST /auth/login: with `code` when logged in to the host app,
 * with only `anonymousCode` otherwise.
 */
export async function signUp(running: RunningApp, fields: Record<string, unknown> = {}): Promise<ApiUser> {
  const douyinUser = await emulator.createUser(fields);
  const { code, anonymousCode } = await emulator.login(douyinUser.id);
  const login = await postJson(running.baseUrl, '/auth/login', code ? { code } : { anonymousCode });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const { token, user } = ZLoginResponse.parse(login.body);
  return { douyinUserId: douyinUser.id, userId: user.id, token, post: (path, body) => postJson(running.baseUrl, path, body, token) };
}

/** One query on this run's database, for checking what the API stored. */
export async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
