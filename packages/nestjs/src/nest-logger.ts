import { Logger } from '@nestjs/common';
import type { DouyinLogger, LogFields } from '@douyin-kit/douyin-client';

/**
 * The client's logger on Nest's Logger (context `Douyin`). The client only ever logs operation
 * names, paths, error numbers, log ids and timings; fields go as an object, so they stay
 * structured in a JSON logger and pass its redaction.
 */
export function nestDouyinLogger(context = 'Douyin'): DouyinLogger {
  const logger = new Logger(context);
  const line = (message: string, fields: LogFields) => ({ msg: message, ...fields });
  return {
    debug: (message, fields) => logger.debug(line(message, fields)),
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
  };
}
