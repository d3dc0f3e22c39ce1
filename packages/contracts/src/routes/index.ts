/**
 * Every route of the API, by feature: `routes.auth.login`, `routes.me.phone`, … Namespaces
 * rather than one object literal, so a bundler keeps only the routes an app calls.
 */
export * as auth from './auth.js';
export * as me from './me.js';
export * as devices from './devices.js';
export * as addresses from './addresses.js';
export * as location from './location.js';
export * as subscriptions from './subscriptions.js';
export * as notifications from './notifications.js';
export * as health from './health.js';
export * as docs from './docs.js';
export * as webhooks from './webhooks.js';
