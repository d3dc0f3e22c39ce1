import { createScratchDatabase as createOnServer, type ScratchDatabase } from '@douyin-kit/test-infra/postgres';
import { inject } from 'vitest';

/** An empty database on the test server, for one test; drop it when done. */
export function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  return createOnServer(inject('adminUrl'), `douyin_kit_scratch_${label}`);
}
