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
});
