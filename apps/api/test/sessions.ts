import { ZLoginResponse } from '@douyin-kit/contracts';
import { createTt, type CreateTtOptions, type TtLike } from '@douyin-kit/douyin-emulator/tt';
import type { RunningApp } from './create-app.js';
import { emulator } from './emulator.js';

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body (204): parse it with the route's contract. */
  body: unknown;
}

/** A user logged in to the app under test, with their "phone" and an API client. */
export interface TestSession {
  userId: string;
  token: string;
  /** The user's phone on the emulator: getSystemInfo, chooseAddress, getLocation, … */
  tt: TtLike;
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ApiResponse>;
}

/**
 * A new emulator user, logged in through POST /auth/login like the mini-program does.
 * `phone` configures what the user's tt APIs return (system info, address, location).
 */
export async function loginAs(running: RunningApp, phone: Partial<Omit<CreateTtOptions, 'emulatorUrl' | 'appid' | 'userId'>> = {}): Promise<TestSession> {
  const douyinUser = await emulator.createUser();
  const tt = createTt({ emulatorUrl: emulator.url, appid: emulator.appId, userId: douyinUser.id, ...phone });
  const { code } = await tt.login();
  const login = await fetch(`${running.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token, user } = ZLoginResponse.parse(await login.json());
  return {
    userId: user.id,
    token,
    tt,
    async request(method, path, body) {
      const response = await fetch(`${running.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
