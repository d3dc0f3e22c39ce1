import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import {
  ZAddress,
  ZAddressIdParams,
  ZAddressList,
  ZAddressRequest,
  type TAddress,
  type TAddressIdParams,
  type TAddressList,
  type TAddressRequest,
} from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { AddressesService } from '../services/addresses.service.js';

@Controller('me/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  /** 200 with the stored address, new or the existing duplicate: saving is idempotent. */
  @Post()
  @Contract({
    summary: 'Save an address (the result of tt.chooseAddress)',
    body: ZAddressRequest,
    response: ZAddress,
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED', 'ADDRESS_LIMIT_REACHED'],
  })
  save(@Caller() caller: AuthContext, @Body() body: TAddressRequest): Promise<TAddress> {
    return this.addresses.save(caller.userId, body);
  }

  @Get()
  @Contract({ summary: "The calling user's addresses, newest first", response: ZAddressList, errors: ['UNAUTHENTICATED'] })
  async list(@Caller() caller: AuthContext): Promise<TAddressList> {
    return { addresses: await this.addresses.list(caller.userId) };
  }

  @Delete(':id')
  @Contract({
    summary: 'Delete an address of the calling user',
    params: ZAddressIdParams,
    status: 204,
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED', 'NOT_FOUND'],
  })
  delete(@Caller() caller: AuthContext, @Param() params: TAddressIdParams): Promise<void> {
    return this.addresses.delete(caller.userId, params.id);
  }
}
