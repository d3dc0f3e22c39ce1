export { createTt, type CreateTtOptions, type TtLike, type Toast, type SubscribeDecision } from './create-tt.js';
export type { LoginResult, UserProfileResult, SubscribeResult, PhoneNumberDetail } from './create-tt.js';
export type { NeedPrivacyAuthorizationListener, PrivacyResolveOption, PrivacySettingResult } from './create-tt.js';
export type { Callbacks, TtError } from './tt-callbacks.js';
export type { RequestOptions, RequestResult, RequestTask } from './tt-request.js';
export type { Address, Location, SystemInfo } from './tt-local.js';
