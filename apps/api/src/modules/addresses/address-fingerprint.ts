import { createHash } from 'node:crypto';
import type { TAddressRequest } from '@douyin-kit/contracts';

/** The stored fields of an address, as the user will see them again. */
export interface AddressFields {
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
}

/**
 * The form an address is stored in: whitespace trimmed and collapsed, and full-width ASCII
 * in the phone number (`１３８…`, typed with a Chinese IME) turned into ASCII. Both keep or
 * shrink the length, so the contract's limits still match the columns.
 */
export function cleanAddress(address: TAddressRequest): AddressFields {
  return {
    userName: collapse(address.userName),
    telNumber: collapse(toHalfWidth(address.telNumber)),
    provinceName: collapse(address.provinceName),
    cityName: collapse(address.cityName),
    countyName: collapse(address.countyName),
    detailInfo: collapse(address.detailInfo),
  };
}

/**
 * What makes two addresses the same one: every field compared after NFKC (full-width and
 * half-width forms alike), whitespace collapsing and lower-casing; the phone number by its
 * digits only, without a +86/0086 prefix. sha256 hex of that, so it fits the unique index.
 */
export function addressFingerprint(address: AddressFields): string {
  const parts = [
    'address-v1',
    textKey(address.userName),
    phoneKey(address.telNumber),
    textKey(address.provinceName),
    textKey(address.cityName),
    textKey(address.countyName),
    textKey(address.detailInfo),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function collapse(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function toHalfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function textKey(value: string): string {
  return collapse(value.normalize('NFKC')).toLowerCase();
}

function phoneKey(value: string): string {
  const digits = value.normalize('NFKC').replace(/\D/g, '');
  // A mainland mobile number with its country code is still the same number.
  const national = digits.match(/^(?:0086|86)(1\d{10})$/);
  return national ? national[1]! : digits;
}
