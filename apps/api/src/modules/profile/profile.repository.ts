import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service.js';
import { Prisma, type User } from '../../generated/prisma/client.js';

/** The getUserProfile fields the API keeps, already decrypted and normalized. */
export interface ProfileFields {
  nickname: string | null;
  avatarUrl: string | null;
  gender: number | null;
  country: string | null;
  province: string | null;
  city: string | null;
  language: string | null;
}

@Injectable()
export class ProfileRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Replaces the user's profile; null when the user no longer exists. */
  async save(userId: string, profile: ProfileFields, now: Date): Promise<User | null> {
    try {
      return await this.prisma.user.update({ where: { id: userId }, data: { ...profile, profileUpdatedAt: now } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null;
      throw error;
    }
  }
}
