import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection string here, not from schema.prisma. `prisma generate`
// needs none, so a missing DATABASE_URL is only an error for the commands that connect.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
