import { z } from 'zod';

/** A reading getLocation may omit or send as null. Negative accuracy/speed means unknown (iOS). */
const ZReading = (min: number, max: number) => z.number().min(min).max(max).nullish();

/**
 * `POST /me/location`: the result of `tt.getLocation({type: 'gcj02'})`, passed as is.
 * `city`/`province`/`district` and `errMsg` are accepted but not stored (the location keeps
 * coordinates only); any other unknown field is dropped.
 */
export const ZLocationRequest = z.object({
  /** Degrees, GCJ-02. */
  latitude: z.number().min(-90).max(90),
  /** Degrees, GCJ-02. */
  longitude: z.number().min(-180).max(180),
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
  city: z.string().max(64).optional(),
  /** Ignored. */
  province: z.string().max(64).optional(),
  /** Ignored. */
  district: z.string().max(64).optional(),
  /** e.g. `getLocation:ok`; ignored. */
  errMsg: z.string().max(256).optional(),
});
export type TLocationRequest = z.infer<typeof ZLocationRequest>;

/** The calling user's last known location. */
export const ZLocation = z.object({
  latitude: z.number(),
  longitude: z.number(),
  /** Always `gcj02` (the coordinate system getLocation is asked for). */
  coordinateSystem: z.literal('gcj02'),
  altitude: z.number().nullable(),
  accuracy: z.number().nullable(),
  verticalAccuracy: z.number().nullable(),
  horizontalAccuracy: z.number().nullable(),
  speed: z.number().nullable(),
  /** When the server received it (the client's clock is not trusted). */
  recordedAt: z.string().datetime(),
});
export type TLocation = z.infer<typeof ZLocation>;
