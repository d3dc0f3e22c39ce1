import { AdminError, TtFailure, type EmulatorContext } from '../context.js';
import type { SeedPrivacy } from '../seed.js';
import { PRIVACY_ITEM_OF_API, PRIVACY_ITEMS, type AppPrivacy, type AppRecord, type PrivacyApi, type UserRecord } from '../store/records.js';

/** Every item the emulated APIs use is declared, and users start agreed: nothing asks unless an app opts in. */
export const DEFAULT_APP_PRIVACY: AppPrivacy = {
  declared: [...PRIVACY_ITEMS],
  contractName: '《小程序用户隐私保护指引》',
  configured: true,
  usersStartAgreed: true,
};

export function appPrivacy(input: SeedPrivacy | undefined, base: AppPrivacy = DEFAULT_APP_PRIVACY): AppPrivacy {
  return {
    declared: input?.declared ? [...new Set(input.declared)] : [...base.declared],
    contractName: input?.contractName ?? base.contractName,
    configured: input?.configured ?? base.configured,
    usersStartAgreed: input?.usersStartAgreed ?? base.usersStartAgreed,
  };
}

export interface PrivacySetting {
  needAuthorization: boolean;
  privacyContractName: string;
}

/**
 * The privacy agreement (base library 3.19.0+ with `usePrivacyCheck`): an API whose item the app
 * did not declare fails outright; a declared one needs the user's agreement first. The device
 * side answers "not agreed" as the refusal errMsg with `privacyPending`, which createTt (playing
 * the base library) turns into the privacy popup; a caller of the device endpoints sees a refusal.
 */
export class PrivacyService {
  constructor(private readonly ctx: EmulatorContext) {}

  setting(user: UserRecord): PrivacySetting {
    const app = this.app(user);
    return { needAuthorization: this.needsAuthorization(app, user), privacyContractName: app.privacy.contractName };
  }

  /** Throws the tt failure a privacy API meets before it runs; returns when it may run. */
  check(user: UserRecord, api: PrivacyApi): void {
    const app = this.app(user);
    if (!app.privacy.declared.includes(PRIVACY_ITEM_OF_API[api])) {
      throw new TtFailure(`${api}:fail api scope is not declared in the privacy agreement`);
    }
    if (this.needsAuthorization(app, user)) {
      throw new TtFailure(`${api}:fail privacy permission is not authorized`, undefined, undefined, true);
    }
  }

  /** The user tapped the agree button (or the official popup's): agreed to what is declared now. */
  agree(user: UserRecord): PrivacySetting {
    const app = this.app(user);
    this.ctx.store.putUser({ ...user, privacyAgreed: [...app.privacy.declared] });
    return { needAuthorization: false, privacyContractName: app.privacy.contractName };
  }

  /** Admin: sets (true) or clears (false, like DevTools' "clear data") the user's agreement. */
  setAgreement(user: UserRecord, agreed: boolean): PrivacySetting {
    if (agreed) return this.agree(user);
    this.ctx.store.putUser({ ...user, privacyAgreed: null });
    return this.setting({ ...user, privacyAgreed: null });
  }

  /** Admin: changes the app's agreement in the "console"; fields left out keep their value. */
  configure(appid: string, input: SeedPrivacy): AppPrivacy {
    const app = this.ctx.store.getApp(appid);
    if (!app) throw new AdminError(404, `unknown appid ${appid}`);
    const privacy = appPrivacy(input, app.privacy);
    this.ctx.store.putApp({ ...app, privacy });
    return privacy;
  }

  /** `privacy_setting/query`: whether the app configured its agreement at all. */
  isConfigured(appid: string): boolean {
    return this.ctx.store.getApp(appid)?.privacy.configured ?? false;
  }

  private needsAuthorization(app: AppRecord, user: UserRecord): boolean {
    const { declared } = app.privacy;
    if (declared.length === 0) return false;
    const agreed = user.privacyAgreed;
    return agreed === null || declared.some((item) => !agreed.includes(item));
  }

  private app(user: UserRecord): AppRecord {
    const app = this.ctx.store.getApp(user.appid);
    if (!app) throw new AdminError(400, `unknown appid ${user.appid}`);
    return app;
  }
}
