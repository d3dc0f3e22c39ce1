// Browser-safe (see tt-callbacks.ts).
import { isRecord } from '../type-guards.js';

/** The argument of an `onNeedPrivacyAuthorization` listener's `resolve`. */
export interface PrivacyResolveOption {
  event: 'exposureAuthorization' | 'agree' | 'disagree';
  /** The id of the `<button open-type="agreePrivacyAuthorization">` tapped (agree only). */
  buttonId?: string;
}
export type NeedPrivacyAuthorizationListener = (resolve: (option: PrivacyResolveOption) => void, eventInfo: { referrer: string }) => void;

export const privacyRefused = (api: string) => ({ errMsg: `${api}:fail privacy permission is not authorized` });

/** A device answer meaning "declared, but the user has not agreed yet" (see PrivacyService). */
const isPrivacyPending = (error: unknown): boolean => isRecord(error) && error.privacyPending === true;

/**
 * The privacy flow, as the base library runs it: a privacy API the user has not agreed to yet
 * waits for the popup (the app's last listener, else the official popup), then runs again after
 * "agree" (recorded on the emulator) or fails with the refusal errMsg. Calls made meanwhile
 * share one popup. "agree" counts only for an agree button tapped since the popup opened.
 */
export class PrivacyFlow {
  private listeners: NeedPrivacyAuthorizationListener[] = [];
  private readonly tapped = new Set<string>();
  private asking: Promise<boolean> | undefined;

  constructor(
    /** What the user taps in the official popup. */
    private readonly officialPopup: 'agree' | 'disagree',
    /** Records the agreement on the emulator. */
    private readonly recordAgreement: () => Promise<unknown>,
    /** Whether the user still has to agree (the emulator's privacy setting). */
    private readonly needsAuthorization: () => Promise<boolean>,
  ) {}

  on(listener: NeedPrivacyAuthorizationListener): void {
    this.listeners.push(listener);
  }

  off(listener?: NeedPrivacyAuthorizationListener): void {
    this.listeners = listener ? this.listeners.filter((l) => l !== listener) : [];
  }

  tapAgreeButton(buttonId: string): void {
    this.tapped.add(buttonId);
  }

  /** Shows the popup (one at a time); true once the user agreed. */
  ask(referrer: string): Promise<boolean> {
    this.asking ??= new Promise<boolean>((settle) => {
      const listener = this.listeners.at(-1);
      if (!listener) {
        settle(this.officialPopup === 'agree');
        return;
      }
      let settled = false;
      listener(
        (option) => {
          if (settled || option?.event === 'exposureAuthorization') return;
          settled = true;
          settle(option?.event === 'agree' && typeof option.buttonId === 'string' && this.tapped.has(option.buttonId));
        },
        { referrer },
      );
    })
      .then(async (agreed) => {
        if (agreed) await this.recordAgreement();
        return agreed;
      })
      .finally(() => {
        this.tapped.clear();
        this.asking = undefined;
      });
    return this.asking;
  }

  /** Runs a privacy API's device call, after the popup when the user has not agreed yet. */
  async run<T>(api: string, referrer: string, call: () => Promise<T>): Promise<T> {
    // The base library knows the agreement before the call, so it asks first: the device call
    // then answers once, and a browser (the H5 preview) logs no refused request for it. The
    // pending answer below still covers an agreement revoked in between.
    if ((await this.needsAuthorization()) && !(await this.ask(referrer))) throw privacyRefused(api);
    try {
      return await call();
    } catch (error) {
      if (!isPrivacyPending(error)) throw error;
      if (!(await this.ask(referrer))) throw privacyRefused(api);
      return call();
    }
  }
}
