import * as z from 'zod/mini';

/** `GET /health`: the process is alive. Never touches the database. */
export const ZHealthResponse = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number().check(z.nonnegative()),
});
export type THealthResponse = z.infer<typeof ZHealthResponse>;

export const ZReadyCheck = z.enum(['ok', 'failing']);

/** `GET /ready`: the database answers and every migration in the image is applied. */
export const ZReadyResponse = z.object({
  status: z.literal('ready'),
  checks: z.object({
    database: ZReadyCheck,
    migrations: ZReadyCheck,
  }),
});
export type TReadyResponse = z.infer<typeof ZReadyResponse>;
