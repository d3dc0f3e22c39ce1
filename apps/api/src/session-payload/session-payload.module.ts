import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SessionPayloadDecryptor } from './session-payload.decryptor.js';

/** Decryption of tt API payloads with the session's key, shared by profile and phone. */
@Module({
  imports: [AuthModule],
  providers: [SessionPayloadDecryptor],
  exports: [SessionPayloadDecryptor],
})
export class SessionPayloadModule {}
