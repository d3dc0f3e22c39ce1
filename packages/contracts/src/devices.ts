import { z } from 'zod';

/**
 * Bounds on what `POST /me/devices` keeps. getSystemInfo's field set differs between hosts
 * and versions, so unknown fields are accepted and stored in the snapshot, but only plain
 * JSON of bounded size: short strings, finite numbers, at most two levels of nesting.
 */
export const DEVICE_SNAPSHOT_LIMITS = {
  /** Serialized size of the whole snapshot, in UTF-16 code units. */
  maxJsonLength: 8 * 1024,
  maxTopLevelFields: 64,
  maxStringLength: 256,
  maxNestedEntries: 32,
} as const;

const L = DEVICE_SNAPSHOT_LIMITS;

// z.number() refuses NaN and ±Infinity; the bounds keep absurd values out of the snapshot.
const ZScalar = z.union([z.string().max(L.maxStringLength), z.number().min(-1e9).max(1e9), z.boolean(), z.null()]);
const ZBoundedRecord = <T extends z.ZodType>(value: T) =>
  z.record(z.string().max(64), value).refine((o) => Object.keys(o).length <= L.maxNestedEntries, {
    message: `at most ${L.maxNestedEntries} entries`,
  });
const ZNested1 = z.union([ZScalar, z.array(ZScalar).max(L.maxNestedEntries), ZBoundedRecord(ZScalar)]);
/** An unknown field's value: nesting is fixed at two levels by construction, not by recursion. */
const ZExtraValue = z.union([ZScalar, z.array(ZNested1).max(L.maxNestedEntries), ZBoundedRecord(ZNested1)]);

const ZPixels = z.number().min(0).max(100_000);

/**
 * `POST /me/devices`: the result of `tt.getSystemInfo` as the host returned it (`errMsg`
 * included or not). The fields that identify the device (platform, brand, model, screen size,
 * pixel ratio) and `system` are required; the rest is optional because hosts differ.
 */
export const ZDeviceRequest = z
  .object({
    /** OS and its version, e.g. `Android 14`, `iOS 17.2`. */
    system: z.string().trim().min(1).max(64),
    /** `android`, `ios`, `devtools`, … */
    platform: z.string().trim().min(1).max(32),
    /** Maker, e.g. `Xiaomi`, `iPhone`. */
    brand: z.string().trim().min(1).max(64),
    /** Model, e.g. `23013RK75C`, `iPhone 15 Pro`. */
    model: z.string().trim().min(1).max(128),
    /** The host app's version (e.g. Douyin `32.5.0`). */
    version: z.string().trim().max(32).optional(),
    /** The host app: `Douyin`, `Toutiao`, `douyin_lite`, … */
    appName: z.string().trim().max(64).optional(),
    /** The mini-program base library version, e.g. `3.60.0`. */
    SDKVersion: z.string().trim().max(32).optional(),
    /** Screen size in CSS pixels. */
    screenWidth: ZPixels,
    screenHeight: ZPixels,
    /** Usable window size in CSS pixels. */
    windowWidth: ZPixels.optional(),
    windowHeight: ZPixels.optional(),
    /** Physical pixels per CSS pixel, e.g. 2.75. */
    pixelRatio: z.number().positive().max(20),
    statusBarHeight: ZPixels.optional(),
    /** The area not covered by notches and system bars, in CSS pixels. */
    safeArea: z
      .object({ left: ZPixels, right: ZPixels, top: ZPixels, bottom: ZPixels, width: ZPixels, height: ZPixels })
      .partial()
      .optional(),
    /** Battery level in percent (some hosts only). */
    battery: z.number().min(0).max(100).optional(),
    /** Wi-Fi signal strength (some hosts only). */
    wifiSignal: z.number().min(-200).max(200).optional(),
    /** The host's performance scores (some hosts only). */
    deviceScore: z
      .object({ cpu: z.number(), gpu: z.number(), memory: z.number(), overall: z.number() })
      .partial()
      .optional(),
  })
  .catchall(ZExtraValue)
  .superRefine((value, ctx) => {
    if (Object.keys(value).length > L.maxTopLevelFields) {
      ctx.addIssue({ code: 'custom', message: `at most ${L.maxTopLevelFields} fields` });
    } else if (JSON.stringify(value).length > L.maxJsonLength) {
      ctx.addIssue({ code: 'custom', message: `at most ${L.maxJsonLength} characters as JSON` });
    }
  });
export type TDeviceRequest = z.infer<typeof ZDeviceRequest>;

/** One device of the calling user, as last reported. */
export const ZDevice = z.object({
  id: z.string().uuid(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  system: z.string().nullable(),
  platform: z.string().nullable(),
  appName: z.string().nullable(),
  /** The host app's version (getSystemInfo's `version`). */
  appVersion: z.string().nullable(),
  /** getSystemInfo's `SDKVersion`. */
  sdkVersion: z.string().nullable(),
  /** When this device was first reported. */
  firstSeenAt: z.string().datetime(),
  /** When this device was last reported. */
  lastSeenAt: z.string().datetime(),
  /** The latest getSystemInfo result as accepted by `POST /me/devices`. */
  snapshot: z.record(z.string(), z.unknown()),
});
export type TDevice = z.infer<typeof ZDevice>;

/** `GET /me/devices`: most recently seen first. */
export const ZDeviceList = z.object({ devices: z.array(ZDevice) });
export type TDeviceList = z.infer<typeof ZDeviceList>;
