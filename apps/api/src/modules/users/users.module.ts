import { Module } from '@nestjs/common';
import { MeController } from './controllers/me.controller.js';
import { MeService } from './services/me.service.js';
import { UsersRepository } from './users.repository.js';

@Module({
  controllers: [MeController],
  providers: [UsersRepository, MeService],
  exports: [UsersRepository],
})
export class UsersModule {}
