import { inject } from 'vitest';

// The app reads its configuration from the environment: point it at this run's database.
process.env.DATABASE_URL = inject('databaseUrl');
