import { createHash } from 'node:crypto';
import { sessionKeyField } from '../src/modules/auth/sessions.repository.js';
import { AppConfig, parseEnv } from '../src/core/config/app-config.js';
import { SecretBox } from '../src/core/crypto/secret-box.js';
import { sql } from './api-user.js';

/**
 * The Douyin session_key this API stored for a session token, opened with the run's data keys:
 * lets a test make payloads exactly as Douyin would for that session (right key, chosen content).
 */
export async function sessionKeyOf(token: string): Promise<string> {
  const [row] = await sql<{ id: string; session_key_encrypted: Buffer; session_key_key_id: string }>(
    'SELECT id, session_key_encrypted, session_key_key_id FROM sessions WHERE token_hash = $1',
    [createHash('sha256').update(token).digest()],
  );
  const box = new SecretBox(new AppConfig(parseEnv(process.env)).encryption.dataKeys);
  return box.open({ keyId: row!.session_key_key_id, blob: row!.session_key_encrypted }, sessionKeyField(row!.id)).toString();
}
