import { Module } from '@nestjs/common';
import { AddressesRepository } from './addresses.repository.js';
import { AddressesController } from './controllers/addresses.controller.js';
import { AddressesService } from './services/addresses.service.js';

/**
 * The user's saved addresses, from `tt.chooseAddress` (`/me/addresses`). The same address
 * saved twice is stored once: it is recognised by a fingerprint of its normalised fields
 * (address-fingerprint.ts), unique per user. At most MAX_ADDRESSES_PER_USER per user
 * (409 ADDRESS_LIMIT_REACHED). DELETE answers 204, or 404 for an id the caller does not own.
 */
@Module({
  controllers: [AddressesController],
  providers: [AddressesRepository, AddressesService],
})
export class AddressesModule {}
