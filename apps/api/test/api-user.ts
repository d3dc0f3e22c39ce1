import { ZLoginResponse } from '@douyin-kit/contracts';
import { createTt, type CreateTtOptions, type TtLike } from '@douyin-kit/douyin-emulator/tt';
import { Client } from 'pg';
import { inject } from 'vitest';
import type { RunningApp } from './create-app.js';
import { emulator } from './emulator.js';

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body (204): parse it with the route's contract. */
  body: any;
  headers: Headers;
}

/** A user of the app under test, logged in like the mini-program does it. */
export interface ApiUser {
  /** The user's id on the emulator (what the device admin calls take). */
  douyinUserId: string;
  /** Our user id. */
  userId: string;
  token: string;
  /** The user's phone on the emulator: getSystemInfo, chooseAddress, getLocation, … */
  tt: TtLike;
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ApiResponse>;
  post(path: string, body: unknown): Promise<ApiResponse>;
}

export type PhoneOptions = Partial<Omit<CreateTtOptions, 'emulatorUrl' | 'appid' | 'userId'>>;

export async function requestJson(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export function postJson(baseUrl: string, path: string, body: unknown, token?: string): Promise<ApiResponse> {
  return requestJson(baseUrl, 'POST', path, body, token);
}

/**
 * A new emulator user (`fields` as the emulator's POST /users takes them: profile, phone,
 * loggedIn) who ran tt.login on their phone and POST /auth/login: with `code` when logged in
 * to the host app, with only `anonymousCode` otherwise. `phone` sets what their tt APIs return.
 */
export async function signUp(running: RunningApp, fields: Record<string, unknown> = {}, phone: PhoneOptions = {}): Promise<ApiUser> {
  const douyinUser = await emulator.createUser(fields);
  const tt = createTt({ emulatorUrl: emulator.url, appid: emulator.appId, userId: douyinUser.id, ...phone });
  const { code, anonymousCode } = await tt.login();
  const login = await postJson(running.baseUrl, '/auth/login', code ? { code } : { anonymousCode });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const { token, user } = ZLoginResponse.parse(login.body);
  return {
    douyinUserId: douyinUser.id,
    userId: user.id,
    token,
    tt,
    request: (method, path, body) => requestJson(running.baseUrl, method, path, body, token),
    post: (path, body) => postJson(running.baseUrl, path, body, token),
  };
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
