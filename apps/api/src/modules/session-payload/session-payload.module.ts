import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SessionPayloadDecryptor } from './session-payload.decryptor.js';

/**
 * Decryption of tt API payloads with the session's key, shared by profile and phone: the
 * decryptor and its failure budget come from @douyin-kit/nestjs (core/douyin), the session's key
 * and what a spent budget does to the session from here.
 */
@Module({
  imports: [AuthModule],
  providers: [SessionPayloadDecryptor],
  exports: [SessionPayloadDecryptor],
})
export class SessionPayloadModule {}
