import * as z from 'zod/mini';

/** How many addresses one user may keep; `ADDRESS_LIMIT_REACHED` beyond it. */
export const MAX_ADDRESSES_PER_USER = 50;

const ZText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/**
 * `POST /me/addresses`: the result of `tt.chooseAddress`, passed as is. `errMsg` and the
 * `postalCode`/`nationalCode` that WeChat-style hosts add are accepted but not stored; any
 * other unknown field is dropped. Lengths match the columns they are stored in.
 */
export const ZAddressRequest = z.object({
  /** The recipient's name. */
  userName: ZText(128),
  /** The recipient's phone number, as the user typed it. */
  telNumber: ZText(32),
  provinceName: ZText(64),
  cityName: ZText(64),
  /** Empty for cities without counties (e.g. 东莞市). */
  countyName: z.string().check(z.trim(), z.maxLength(64)),
  /** Street, building and room. */
  detailInfo: ZText(512),
  /** e.g. `chooseAddress:ok`; ignored. */
  errMsg: z.optional(z.string().check(z.maxLength(256))),
  /** Ignored: not part of Douyin's documented result. */
  postalCode: z.optional(z.string().check(z.maxLength(32))),
  /** Ignored: not part of Douyin's documented result. */
  nationalCode: z.optional(z.string().check(z.maxLength(32))),
});
export type TAddressRequest = z.infer<typeof ZAddressRequest>;

/** A stored address of the calling user. */
export const ZAddress = z.object({
  id: z.uuid(),
  userName: z.string(),
  telNumber: z.string(),
  provinceName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  detailInfo: z.string(),
  createdAt: z.iso.datetime(),
});
export type TAddress = z.infer<typeof ZAddress>;

/** `GET /me/addresses`: newest first. */
export const ZAddressList = z.object({ addresses: z.array(ZAddress) });
export type TAddressList = z.infer<typeof ZAddressList>;

/** `DELETE /me/addresses/:id`. */
export const ZAddressIdParams = z.object({ id: z.uuid() });
export type TAddressIdParams = z.infer<typeof ZAddressIdParams>;
