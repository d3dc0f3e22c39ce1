import { createHash } from 'node:crypto';
import type { TDeviceRequest } from '@douyin-kit/contracts';

/**
 * Douyin gives mini-programs no device id, so a device is recognised by what getSystemInfo
 * says about its hardware: platform, brand, model and the screen's physical resolution.
 *
 * Left out on purpose, because they change on the same device: `system` and `version`/
 * `SDKVersion` (OS and host updates), `appName` (the same phone runs Douyin and Toutiao:
 * one device), battery, Wi-Fi, window size and safe area (they follow the UI, not the
 * hardware). The screen is taken as physical pixels, short side first, rounded to 10 px,
 * so rotating the phone or changing Android's display size (which trades CSS pixels for
 * pixel ratio) keeps the key.
 *
 * The trade-off: two identical phones of one user (same brand, model and screen) collapse
 * into one row, and a device whose host reports a different brand spelling gets a second
 * row. Keys are per user, so identical phones of different users never meet.
 */
export function deviceKeyOf(info: Pick<TDeviceRequest, 'platform' | 'brand' | 'model' | 'screenWidth' | 'screenHeight' | 'pixelRatio'>): string {
  const [shortSide, longSide] = [info.screenWidth, info.screenHeight]
    .map((side) => Math.round((side * info.pixelRatio) / 10) * 10)
    .sort((a, b) => a - b);
  const identity = ['device-key-v1', label(info.platform), label(info.brand), label(info.model), shortSide, longSide];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** Hosts differ in case and spacing for the same maker and model (`XIAOMI` vs `Xiaomi`). */
function label(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
