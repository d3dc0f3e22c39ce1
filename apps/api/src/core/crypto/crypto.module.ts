import { createHmac } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { SecretBox } from './secret-box.js';

/** Keyed hash for looking values up without storing them (phone numbers). */
@Injectable()
export class LookupHasher {
  constructor(private readonly config: AppConfig) {}

  hash(value: string): Buffer {
    return createHmac('sha256', this.config.encryption.phoneHashKey).update(value).digest();
  }
}

/** Encryption at rest and keyed hashing, keyed from config: the boundary tests can swap. */
@Global()
@Module({
  providers: [
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.encryption.dataKeys) },
    LookupHasher,
  ],
  exports: [SecretBox, LookupHasher],
})
export class CryptoModule {}
