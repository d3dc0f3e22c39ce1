import { Injectable } from '@nestjs/common';
import { MAX_ADDRESSES_PER_USER, type TAddress, type TAddressRequest } from '@douyin-kit/contracts';
import { Clock } from '../../../core/clock/clock.js';
import { AppError } from '../../../core/errors/app-error.js';
import { addressFingerprint, cleanAddress } from '../address-fingerprint.js';
import { AddressesRepository } from '../addresses.repository.js';
import { toAddressOutput } from '../outputs/address.output.js';

@Injectable()
export class AddressesService {
  constructor(
    private readonly addresses: AddressesRepository,
    private readonly clock: Clock,
  ) {}

  /** Stores a chooseAddress result; the same address chosen again returns the stored one. */
  async save(userId: string, request: TAddressRequest): Promise<TAddress> {
    const fields = cleanAddress(request);
    const result = await this.addresses.saveUnlessDuplicate(userId, addressFingerprint(fields), fields, MAX_ADDRESSES_PER_USER, this.clock.now());
    if (result.outcome === 'limit-reached') {
      throw new AppError('ADDRESS_LIMIT_REACHED', `At most ${MAX_ADDRESSES_PER_USER} addresses can be kept: delete one first`, {
        limit: MAX_ADDRESSES_PER_USER,
      });
    }
    return toAddressOutput(result.address);
  }

  async list(userId: string): Promise<TAddress[]> {
    return (await this.addresses.listForUser(userId)).map(toAddressOutput);
  }

  async delete(userId: string, id: string): Promise<void> {
    // One answer for unknown and foreign ids: nobody learns which ids exist.
    if (!(await this.addresses.deleteOwned(userId, id))) throw new AppError('NOT_FOUND', 'No such address');
  }
}
