import * as z from 'zod/mini';

/**
 * How many devices one user keeps. Reports are automatic (the app sends one per launch), so a
 * new device beyond this is not refused: the least recently seen one is forgotten instead.
 */
export const MAX_DEVICES_PER_USER = 20;

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
const ZScalar = z.union([z.string().check(z.maxLength(L.maxStringLength)), z.number().check(z.gte(-1e9), z.lte(1e9)), z.boolean(), z.null()]);
const ZBoundedRecord = <T extends z.ZodMiniType>(value: T) =>
  z
    .record(z.string().check(z.maxLength(64)), value)
    .check(z.refine((o) => Object.keys(o).length <= L.maxNestedEntries, { error: `at most ${L.maxNestedEntries} entries` }));
const ZNested1 = z.union([ZScalar, z.array(ZScalar).check(z.maxLength(L.maxNestedEntries)), ZBoundedRecord(ZScalar)]);
/** An unknown field's value: nesting is fixed at two levels by construction, not by recursion. */
const ZExtraValue = z.union([ZScalar, z.array(ZNested1).check(z.maxLength(L.maxNestedEntries)), ZBoundedRecord(ZNested1)]);

const ZPixels = z.number().check(z.gte(0), z.lte(100_000));

/**
 * `POST /me/devices`: the result of `tt.getSystemInfo` as the host returned it (`errMsg`
 * included or not). The fields that identify the device (platform, brand, model, screen size,
 * pixel ratio) and `system` are required; the rest is optional because hosts differ.
 */
export const ZDeviceRequest = z
  .catchall(
    z.object({
      /** OS and its version, e.g. `Android 14`, `iOS 17.2`. */
      system: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
      /** `android`, `ios`, `devtools`, … */
      platform: z.string().check(z.trim(), z.minLength(1), z.maxLength(32)),
      /** Maker, e.g. `Xiaomi`, `iPhone`. */
      brand: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
      /** Model, e.g. `23013RK75C`, `iPhone 15 Pro`. */
      model: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
      /** The host app's version (e.g. Douyin `32.5.0`). */
      version: z.optional(z.string().check(z.trim(), z.maxLength(32))),
      /** The host app: `Douyin`, `Toutiao`, `douyin_lite`, … */
      appName: z.optional(z.string().check(z.trim(), z.maxLength(64))),
      /** The mini-program base library version, e.g. `3.60.0`. */
      SDKVersion: z.optional(z.string().check(z.trim(), z.maxLength(32))),
      /** Screen size in CSS pixels. */
      screenWidth: ZPixels,
      screenHeight: ZPixels,
      /** Usable window size in CSS pixels. */
      windowWidth: z.optional(ZPixels),
      windowHeight: z.optional(ZPixels),
      /** Physical pixels per CSS pixel, e.g. 2.75. */
      pixelRatio: z.number().check(z.positive(), z.lte(20)),
      statusBarHeight: z.optional(ZPixels),
      /** The area not covered by notches and system bars, in CSS pixels. */
      safeArea: z.optional(z.partial(z.object({ left: ZPixels, right: ZPixels, top: ZPixels, bottom: ZPixels, width: ZPixels, height: ZPixels }))),
      /** Battery level in percent (some hosts only). */
      battery: z.optional(z.number().check(z.gte(0), z.lte(100))),
      /** Wi-Fi signal strength (some hosts only). */
      wifiSignal: z.optional(z.number().check(z.gte(-200), z.lte(200))),
      /** The host's performance scores (some hosts only). */
      deviceScore: z.optional(z.partial(z.object({ cpu: z.number(), gpu: z.number(), memory: z.number(), overall: z.number() }))),
    }),
    ZExtraValue,
  )
  .check(
    z.superRefine((value, ctx) => {
      if (Object.keys(value).length > L.maxTopLevelFields) {
        ctx.addIssue({ code: 'custom', message: `at most ${L.maxTopLevelFields} fields` });
      } else if (JSON.stringify(value).length > L.maxJsonLength) {
        ctx.addIssue({ code: 'custom', message: `at most ${L.maxJsonLength} characters as JSON` });
      }
    }),
  );
export type TDeviceRequest = z.infer<typeof ZDeviceRequest>;

/** One device of the calling user, as last reported. */
export const ZDevice = z.object({
  id: z.uuid(),
  brand: z.nullable(z.string()),
  model: z.nullable(z.string()),
  system: z.nullable(z.string()),
  platform: z.nullable(z.string()),
  appName: z.nullable(z.string()),
  /** The host app's version (getSystemInfo's `version`). */
  appVersion: z.nullable(z.string()),
  /** getSystemInfo's `SDKVersion`. */
  sdkVersion: z.nullable(z.string()),
  /** When this device was first reported. */
  firstSeenAt: z.iso.datetime(),
  /** When this device was last reported. */
  lastSeenAt: z.iso.datetime(),
  /** The latest getSystemInfo result as accepted by `POST /me/devices`. */
  snapshot: z.record(z.string(), z.unknown()),
});
export type TDevice = z.infer<typeof ZDevice>;

/** `GET /me/devices`: most recently seen first. */
export const ZDeviceList = z.object({ devices: z.array(ZDevice) });
export type TDeviceList = z.infer<typeof ZDeviceList>;
