import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PayloadFailureBudget } from './payload-failure-budget.js';
import { PayloadFailuresRepository } from './payload-failures.repository.js';
import { SessionPayloadDecryptor } from './session-payload.decryptor.js';

/** Decryption of tt API payloads with the session's key and its failure budget, shared by profile and phone. */
@Module({
  imports: [AuthModule],
  providers: [SessionPayloadDecryptor, PayloadFailureBudget, PayloadFailuresRepository],
  exports: [SessionPayloadDecryptor],
})
export class SessionPayloadModule {}
