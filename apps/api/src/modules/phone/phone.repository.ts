import { Injectable } from '@nestjs/common';
import { toBytes } from '../../core/database/bytes.js';
import { PrismaService } from '../../core/database/prisma.service.js';
import type { Sealed, SealedField } from '../../core/crypto/secret-box.js';

/** Where a user's phone number is sealed: the seal is bound to the user's id. */
export function phoneField(userId: string): SealedField {
  return { table: 'users', column: 'phone_encrypted', rowId: userId };
}

export interface StoredPhone {
  /** The E.164 number sealed with SecretBox. */
  sealed: Sealed;
  /** LookupHasher's HMAC of the E.164 number. */
  hash: Buffer;
  masked: string;
  countryCode: string;
}

@Injectable()
export class PhoneRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Replaces the user's phone number; false when the user no longer exists. */
  async save(userId: string, phone: StoredPhone, now: Date): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: { id: userId },
      data: {
        phoneEncrypted: toBytes(phone.sealed.blob),
        phoneKeyId: phone.sealed.keyId,
        phoneHash: toBytes(phone.hash),
        phoneMasked: phone.masked,
        phoneCountryCode: phone.countryCode,
        phoneUpdatedAt: now,
      },
    });
    return count === 1;
  }
}
