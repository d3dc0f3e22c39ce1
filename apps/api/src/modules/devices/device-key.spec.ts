import { deviceKeyOf } from './device-key.js';

const phone = { platform: 'android', brand: 'Xiaomi', model: '23013RK75C', screenWidth: 393, screenHeight: 852, pixelRatio: 2.75 };

describe('deviceKeyOf', () => {
  it('is a stable 64-character hex key', () => {
    expect(deviceKeyOf(phone)).toMatch(/^[0-9a-f]{64}$/);
    expect(deviceKeyOf({ ...phone })).toBe(deviceKeyOf(phone));
  });

  it('ignores what changes on the same device: OS and host updates, the host app, battery', () => {
    const updated = { ...phone, system: 'Android 15', version: '33.0.0', SDKVersion: '3.70.0', appName: 'Toutiao', battery: 12 };
    expect(deviceKeyOf(updated)).toBe(deviceKeyOf(phone));
  });

  it('ignores case and spacing of brand and model, rotation and display-size changes', () => {
    expect(deviceKeyOf({ ...phone, brand: ' XIAOMI ', model: '23013rk75c' })).toBe(deviceKeyOf(phone));
    expect(deviceKeyOf({ ...phone, screenWidth: 852, screenHeight: 393 })).toBe(deviceKeyOf(phone));
    // Android "display size": fewer CSS pixels, higher ratio, same panel (1080 x 2340).
    expect(deviceKeyOf({ ...phone, screenWidth: 360, screenHeight: 780, pixelRatio: 3 })).toBe(deviceKeyOf(phone));
  });

  it('tells different hardware apart', () => {
    const key = deviceKeyOf(phone);
    expect(deviceKeyOf({ ...phone, model: '2201123C' })).not.toBe(key);
    expect(deviceKeyOf({ ...phone, brand: 'Redmi' })).not.toBe(key);
    expect(deviceKeyOf({ ...phone, platform: 'ios' })).not.toBe(key);
    expect(deviceKeyOf({ ...phone, screenWidth: 412, screenHeight: 915 })).not.toBe(key);
  });
});
