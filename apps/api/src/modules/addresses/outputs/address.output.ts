import type { TAddress } from '@douyin-kit/contracts';
import type { AddressRecord } from '../addresses.repository.js';

export function toAddressOutput(address: AddressRecord): TAddress {
  return {
    id: address.id,
    userName: address.userName,
    telNumber: address.telNumber,
    provinceName: address.provinceName,
    cityName: address.cityName,
    countyName: address.countyName,
    detailInfo: address.detailInfo,
    createdAt: address.createdAt.toISOString(),
  };
}
