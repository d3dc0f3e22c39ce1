export { EmulatorAdmin, EmulatorAdminError, type CallCounter, type EmulatorAdminOptions } from './emulator-admin.js';
export type * from './admin-types.js';
