import * as z from 'zod/mini';

/** `GET /health`: the process is alive. Never touches the database. */
export const ZHealthResponse = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number().check(z.nonnegative()),
});
export type THealthResponse = z.infer<typeof ZHealthResponse>;

export const ZReadyCheck = z.enum(['ok', 'failing']);

/**
 * Has the Douyin app configured its privacy agreement (`privacy_setting/query`, asked once at
 * start when DOUYIN_PRIVACY_CHECK is on)? Information only: it never makes the API unready.
 * `checking` until the answer comes, `unknown` when Douyin could not be asked, `not_checked` when off.
 */
export const ZPrivacyAgreementState = z.enum(['configured', 'not_configured', 'unknown', 'checking', 'not_checked']);
export type TPrivacyAgreementState = z.infer<typeof ZPrivacyAgreementState>;

/** `GET /ready`: the database answers and every migration in the image is applied. */
export const ZReadyResponse = z.object({
  status: z.literal('ready'),
  checks: z.object({
    database: ZReadyCheck,
    migrations: ZReadyCheck,
  }),
  details: z.object({
    douyinPrivacyAgreement: ZPrivacyAgreementState,
  }),
});
export type TReadyResponse = z.infer<typeof ZReadyResponse>;
