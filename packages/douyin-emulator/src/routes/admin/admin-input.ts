import { z } from 'zod';
import { AdminError } from '../../context.js';
import { InvalidBody } from '../body-parsers.js';

/** Reserved prefix of every admin and device endpoint (never a real platform path). */
export const ADMIN_PREFIX = '/__emulator';

/** Validates admin input; failures become HTTP 400 `{error}`. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  if (value instanceof InvalidBody) throw new AdminError(400, 'request body is not valid JSON');
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new AdminError(400, z.prettifyError(result.error));
  return result.data;
}

export const ZDeviceUser = z.object({
  appid: z.string().min(1),
  userId: z.string().min(1),
});
