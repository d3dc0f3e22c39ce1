import { z } from 'zod';
import { PRIVACY_ITEMS } from './store/records.js';

// One schema per entity, shared by the admin API, `EmulatorOptions.seed` and the CLI's seed
// file, so the three ways of creating state accept exactly the same input.

export const ZPhone = z.object({
  countryCode: z.string().regex(/^\d{1,4}$/),
  purePhoneNumber: z.string().regex(/^\d{4,20}$/),
});

/** The app's privacy agreement; every field optional (defaults: see `DEFAULT_APP_PRIVACY`). */
export const ZSeedPrivacy = z.object({
  declared: z.array(z.enum(PRIVACY_ITEMS)).optional(),
  contractName: z.string().min(1).max(100).optional(),
  configured: z.boolean().optional(),
  usersStartAgreed: z.boolean().optional(),
});

export const ZSeedApp = z.object({
  appid: z.string().min(1).optional(),
  secret: z.string().min(1).optional(),
  /** Register your own key (the console flow); the private key is then unknown to the emulator. */
  publicKeyPem: z.string().optional(),
  privateKeyPem: z.string().optional(),
  /** Where events are pushed (user_subscribe_action, send_push_failed_event); none by default. */
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  /** Signs pushes instead of the app secret (the console's separate webhook key). */
  webhookSecret: z.string().min(1).max(128).optional(),
  privacy: ZSeedPrivacy.optional(),
});

export const ZSeedUser = z.object({
  id: z.string().min(1).optional(),
  appid: z.string().min(1),
  openid: z.string().min(1).optional(),
  unionid: z.string().optional(),
  nickname: z.string().optional(),
  avatarUrl: z.string().optional(),
  gender: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  city: z.string().optional(),
  province: z.string().optional(),
  country: z.string().optional(),
  language: z.string().optional(),
  phone: ZPhone.nullable().optional(),
  loggedIn: z.boolean().optional(),
  /** Has agreed to the app's privacy agreement; default: the app's `usersStartAgreed`. */
  privacyAgreed: z.boolean().optional(),
});

export const ZSeedTemplate = z.object({
  appid: z.string().min(1),
  templateId: z.string().min(1),
  title: z.string().min(1),
  kind: z.enum(['one_time', 'long_term']),
  keywords: z.array(z.string().min(1)).optional(),
});

export const ZSeedConfig = z.object({
  apps: z.array(ZSeedApp).optional(),
  users: z.array(ZSeedUser).optional(),
  templates: z.array(ZSeedTemplate).optional(),
});

export type SeedPrivacy = z.infer<typeof ZSeedPrivacy>;
export type SeedApp = z.infer<typeof ZSeedApp>;
export type SeedUser = z.infer<typeof ZSeedUser>;
export type SeedTemplate = z.infer<typeof ZSeedTemplate>;
/** State created at start and restored by reset. Users and templates name their app by appid. */
export type SeedConfig = z.infer<typeof ZSeedConfig>;

/**
 * What the CLI seeds when given no file: one dev app, two users, two templates, in Chinese like
 * the real product's data. Its users start without privacy agreement, like a fresh install: the
 * first privacy API shows the popup. Their openids are derived from app and user id, so they are
 * the same on every start.
 */
export const DEFAULT_DEV_SEED: SeedConfig = {
  apps: [{ appid: 'tt_emulator_dev_app', secret: 'emulator-dev-secret-not-real', privacy: { usersStartAgreed: false } }],
  users: [
    {
      id: 'u_alice',
      appid: 'tt_emulator_dev_app',
      nickname: '小林',
      gender: 2,
      city: '杭州',
      province: '浙江',
      country: '中国',
      language: 'zh_CN',
      phone: { countryCode: '86', purePhoneNumber: '13800000001' },
    },
    {
      id: 'u_bob',
      appid: 'tt_emulator_dev_app',
      nickname: '阿杰',
      gender: 1,
      city: '北京',
      province: '北京',
      country: '中国',
      language: 'zh_CN',
    },
  ],
  templates: [
    {
      appid: 'tt_emulator_dev_app',
      templateId: 'MSG_ONE_TIME_DEV',
      title: '订单发货通知',
      kind: 'one_time',
    },
    {
      appid: 'tt_emulator_dev_app',
      templateId: 'MSG_LONG_TERM_DEV',
      title: '服务进度提醒',
      kind: 'long_term',
    },
  ],
};
