import { Module } from '@nestjs/common';
import { LocationController } from './controllers/location.controller.js';
import { LocationRepository } from './location.repository.js';
import { LocationService } from './services/location.service.js';

/**
 * The user's last known location, from `tt.getLocation` (`/me/location`): one row per user,
 * replaced on every report and timed by the server's clock. No history is kept.
 */
@Module({
  controllers: [LocationController],
  providers: [LocationRepository, LocationService],
})
export class LocationModule {}
