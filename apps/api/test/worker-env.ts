import { inject } from 'vitest';

// The app reads its configuration from the environment: point it at this run's database
// and Douyin emulator.
const douyin = inject('douyin');
Object.assign(process.env, {
  DATABASE_URL: inject('databaseUrl'),
  DOUYIN_APP_ID: douyin.appId,
  DOUYIN_APP_SECRET: douyin.appSecret,
  DOUYIN_APPS_BASE_URL: douyin.url,
  DOUYIN_OPEN_BASE_URL: douyin.url,
  DOUYIN_APP_PRIVATE_KEY: douyin.privateKeyPem,
  // Every notification worker of a run consumes the same app's queue, whichever test file
  // started it, so they all decide with one send policy: a short Douyin timeout, and long-term
  // messages re-sent after a timeout (tested in src/modules/notifications/notifications.e2e-spec.ts).
  DOUYIN_TIMEOUT_MS: '2000',
  NOTIFY_RETRY_AFTER_TIMEOUT: 'true',
});
