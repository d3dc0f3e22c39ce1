import { AdminError, type EmulatorContext } from '../context.js';
import { deriveOpenid, deriveUnionid, newAppid, newSecret, newUserId, randomAlphanumeric } from '../identifiers.js';
import { assertRsaPublicKey, generateRsaKeyPair } from '../platform-crypto.js';
import { appPrivacy } from './privacy.service.js';
import type { SeedApp, SeedTemplate, SeedUser } from '../seed.js';
import type { AppRecord, TemplateRecord, UserRecord } from '../store/store.js';

/** Creates apps, users and templates: the "console" half of the emulator. */
export class DirectoryService {
  constructor(private readonly ctx: EmulatorContext) {}

  async createApp(input: SeedApp): Promise<AppRecord> {
    const appid = input.appid ?? newAppid();
    if (this.ctx.store.getApp(appid)) throw new AdminError(400, `app ${appid} already exists`);
    let keys: { publicKeyPem: string; privateKeyPem: string | null };
    if (input.publicKeyPem) {
      try {
        assertRsaPublicKey(input.publicKeyPem);
      } catch (error) {
        throw new AdminError(400, `publicKeyPem: ${(error as Error).message}`);
      }
      keys = { publicKeyPem: input.publicKeyPem, privateKeyPem: input.privateKeyPem ?? null };
    } else {
      keys = await generateRsaKeyPair(this.ctx.options.rsaModulusLength);
    }
    const app: AppRecord = {
      appid,
      secret: input.secret ?? newSecret(),
      ...keys,
      webhookUrl: input.webhookUrl ?? null,
      ...(input.webhookSecret ? { webhookSecret: input.webhookSecret } : {}),
      privacy: appPrivacy(input.privacy),
    };
    this.ctx.store.putApp(app);
    return app;
  }

  createUser(input: SeedUser): UserRecord {
    const app = this.ctx.store.getApp(input.appid);
    if (!app) throw new AdminError(400, `unknown appid ${input.appid}`);
    const id = input.id ?? newUserId();
    if (this.ctx.store.getUser(id)) throw new AdminError(400, `user ${id} already exists`);
    const openid = input.openid ?? deriveOpenid(input.appid, id);
    if (this.ctx.store.findUserByOpenid(input.appid, openid)) {
      throw new AdminError(400, `openid ${openid} already used in app ${input.appid}`);
    }
    const user: UserRecord = {
      id,
      appid: input.appid,
      openid,
      unionid: input.unionid ?? deriveUnionid(input.appid, id),
      loggedIn: input.loggedIn ?? true,
      profile: {
        nickName: input.nickname ?? `用户${randomAlphanumeric(6)}`,
        avatarUrl: input.avatarUrl ?? `https://p3.douyinpic.com/aweme/100x100/emulator/${id}.jpeg`,
        gender: input.gender ?? 0,
        city: input.city ?? '',
        province: input.province ?? '',
        country: input.country ?? '',
        language: input.language ?? '',
      },
      phone: input.phone ?? null,
      sessionKey: null,
      privacyAgreed: (input.privacyAgreed ?? app.privacy.usersStartAgreed) ? [...app.privacy.declared] : null,
    };
    this.ctx.store.putUser(user);
    return user;
  }

  createTemplate(input: SeedTemplate): TemplateRecord {
    if (!this.ctx.store.getApp(input.appid)) throw new AdminError(400, `unknown appid ${input.appid}`);
    const template: TemplateRecord = {
      appid: input.appid,
      templateId: input.templateId,
      title: input.title,
      kind: input.kind,
      keywords: input.keywords ?? [],
    };
    this.ctx.store.putTemplate(template);
    return template;
  }

  /** Looks a user up for a device call, checking it belongs to the app. */
  requireUser(appid: string, userId: string): UserRecord {
    const user = this.ctx.store.getUser(userId);
    if (!user || user.appid !== appid) throw new AdminError(400, `unknown user ${userId} in app ${appid}`);
    return user;
  }
}
