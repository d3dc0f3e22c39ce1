export { startEmulator, type RunningEmulator } from './server.js';
export { DEFAULT_ERR_NOS, DEFAULT_FORBIDDEN_WORDS, type EmulatorOptions, type ErrNoConfig } from './options.js';
export type { Clock } from './clock.js';
export { OffsetClock } from './clock.js';
export { seededRandom, type RandomSource } from './random.js';
export { DEFAULT_DEV_SEED, type SeedApp, type SeedConfig, type SeedTemplate, type SeedUser } from './seed.js';
export { OPERATIONS, type FaultRuleInput, type Operation } from './faults/fault-rules.js';
export { ADMIN_PREFIX } from './routes/admin/admin-input.js';
export { createTt, type CreateTtOptions, type TtLike } from './tt/index.js';
