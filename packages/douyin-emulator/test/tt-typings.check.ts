// Compile-time only (tsc --noEmit): createTt's APIs accept what @douyin-microapp/typings says
// tt's options are, so mini-program code typed against the real `tt` can take the fake one.
import type * as TtApi from '@douyin-microapp/typings/types/api.js';
import { createTt } from '../src/tt/index.js';

// `login` is left out on purpose: the typings declare `code: string`, but per the platform doc
// (§7) `code` is absent for a user not logged in to the host app, so LoginResult has `code?`.
// `requestSubscribeMessage` too: the typings declare `tmplIds: []` (an empty tuple).
const tt = createTt({ emulatorUrl: 'http://127.0.0.1:8787', appid: 'tt', userId: 'u' });

export const conforms: Pick<
  typeof TtApi,
  | 'checkSession'
  | 'getSystemInfo'
  | 'getSystemInfoSync'
  | 'getStorageSync'
  | 'setStorageSync'
  | 'removeStorageSync'
  | 'showToast'
  | 'getUserProfile'
  | 'request'
  | 'chooseAddress'
  | 'getLocation'
  | 'getStorage'
  | 'setStorage'
  | 'removeStorage'
> = tt;
