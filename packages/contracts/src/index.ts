export * from './errors.js';
export * from './health.js';
export * from './auth.js';
export * from './profile.js';
export * from './phone.js';
export * from './devices.js';
export * from './addresses.js';
export * from './location.js';
