import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { TPrivacyAgreementState } from '@douyin-kit/contracts';
import { DouyinApiError, DouyinClient, DouyinError } from '@douyin-kit/douyin-client';
import { AppConfig } from '../../../core/config/app-config.js';

/**
 * Asks Douyin once, at start, whether the app has configured its privacy agreement in the
 * console (docs/douyin-platform.md §9): without one, every privacy API fails on phones. The
 * answer is information for /ready and the log, never a reason to refuse to start or to be
 * unready, and the start never waits for it.
 */
@Injectable()
export class PrivacyAgreementService implements OnApplicationBootstrap {
  private readonly logger = new Logger('PrivacyAgreement');
  private state: TPrivacyAgreementState;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly douyin: DouyinClient,
  ) {
    this.state = config.douyin.privacyCheck ? 'checking' : 'not_checked';
  }

  onApplicationBootstrap(): void {
    if (this.config.douyin.privacyCheck) this.pending = this.check();
  }

  /** What /ready reports. */
  current(): TPrivacyAgreementState {
    return this.state;
  }

  /** Resolves once the start-up check has an answer (tests). */
  settled(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }

  private async check(): Promise<void> {
    const appId = this.config.douyin.appId;
    try {
      const { isConfigured } = await this.douyin.queryPrivacySetting();
      this.state = isConfigured === true ? 'configured' : isConfigured === false ? 'not_configured' : 'unknown';
    } catch (error) {
      this.state = 'unknown';
      // The kind of failure and Douyin's errNo, nothing of the request.
      const reason = error instanceof DouyinError ? error.kind : 'unexpected';
      const errNo = error instanceof DouyinApiError ? error.errNo : undefined;
      this.logger.warn({ msg: 'Could not ask Douyin whether the privacy agreement is configured; /ready reports it unknown', appId, reason, errNo });
      return;
    }
    if (this.state === 'not_configured') {
      this.logger.warn({
        msg: 'The Douyin privacy agreement is not configured: getUserProfile, getPhoneNumber, chooseAddress and getLocation fail on phones until it is (console: 设置 → 基础设置 → 类目与配置 → 用户隐私保护指引)',
        appId,
      });
    } else if (this.state === 'unknown') {
      this.logger.warn({ msg: 'Douyin answered the privacy agreement query without is_configure', appId });
    }
  }
}
