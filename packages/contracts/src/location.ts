import * as z from 'zod/mini';

/** A reading getLocation may omit or send as null. Negative accuracy/speed means unknown (iOS). */
const ZReading = (min: number, max: number) => z.nullish(z.number().check(z.gte(min), z.lte(max)));

/**
 * `POST /me/location`: the result of `tt.getLocation({type: 'gcj02'})`, passed as is.
 * `city`/`province`/`district` and `errMsg` are accepted but not stored (the location keeps
 * coordinates only); any other unknown field is dropped.
 */
export const ZLocationRequest = z.object({
  /** Degrees, GCJ-02. */
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  /** Degrees, GCJ-02. */
  longitude: z.number().check(z.gte(-180), z.lte(180)),
  /** Metres above sea level. */
  altitude: ZReading(-20_000, 100_000),
  /** Metres; negative means unknown and is stored as null. */
  accuracy: ZReading(-1, 10_000_000),
  /** Metres; negative means unknown and is stored as null. */
  verticalAccuracy: ZReading(-1, 10_000_000),
  /** Metres; negative means unknown and is stored as null. */
  horizontalAccuracy: ZReading(-1, 10_000_000),
  /** Metres per second; negative means unknown and is stored as null. */
  speed: ZReading(-1, 100_000),
  /** Ignored. */
  city: z.optional(z.string().check(z.maxLength(64))),
  /** Ignored. */
  province: z.optional(z.string().check(z.maxLength(64))),
  /** Ignored. */
  district: z.optional(z.string().check(z.maxLength(64))),
  /** e.g. `getLocation:ok`; ignored. */
  errMsg: z.optional(z.string().check(z.maxLength(256))),
});
export type TLocationRequest = z.infer<typeof ZLocationRequest>;

/** The calling user's last known location. */
export const ZLocation = z.object({
  latitude: z.number(),
  longitude: z.number(),
  /** Always `gcj02` (the coordinate system getLocation is asked for). */
  coordinateSystem: z.literal('gcj02'),
  altitude: z.nullable(z.number()),
  accuracy: z.nullable(z.number()),
  verticalAccuracy: z.nullable(z.number()),
  horizontalAccuracy: z.nullable(z.number()),
  speed: z.nullable(z.number()),
  /** When the server received it (the client's clock is not trusted). */
  recordedAt: z.iso.datetime(),
});
export type TLocation = z.infer<typeof ZLocation>;

/** `GET /me/location`: the last known location, or `null` before the user ever sent one. */
export const ZLastLocation = z.object({
  location: z.nullable(ZLocation),
});
export type TLastLocation = z.infer<typeof ZLastLocation>;
