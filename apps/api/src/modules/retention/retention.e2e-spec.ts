import { randomUUID } from 'node:crypto';
import { ZLoginResponse } from '@douyin-kit/contracts';
import { postJson, sql } from '../../../test/api-user.js';
import { extraApps } from '../../../test/create-app.js';
import { emulator } from '../../../test/emulator.js';
import { NotificationQueue } from '../notifications/notification-queue.js';
import { MAX_BATCHES_PER_RUN, RetentionPurge } from './retention-purge.js';
import { PURGE_CRON, RetentionWorker } from './retention.worker.js';

/**
 * The purge against the real database. Each test runs an API instance as an app of its own: the
 * purge is scoped to its app, so other files' rows in the shared database are never counted.
 */
const apps = extraApps();
afterAll(() => apps.closeAll());

const newAppId = () => `tt-purge-${randomUUID().slice(0, 8)}`;

async function startAs(appId: string, env: Record<string, string> = {}) {
  return apps.start({ DOUYIN_APP_ID: appId, SESSIONS_PURGE_GRACE_DAYS: '7', ANONYMOUS_USER_RETENTION_DAYS: '30', ...env });
}

/** A user of `appId` last seen `seenDaysAgo` days ago; anonymous unless `real`. */
async function user(appId: string, seenDaysAgo: number, real = false): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO users (app_id, open_id, anonymous_open_id, created_at, updated_at)
     VALUES ($1, $2, $3, now() - make_interval(days => $4 + 1), now() - make_interval(days => $4)) RETURNING id`,
    [appId, real ? `open-${randomUUID()}` : null, real ? null : `anon-${randomUUID()}`, seenDaysAgo],
  );
  return row!.id;
}

/** A session; `expiresInDays` negative for one that expired, `revokedDaysAgo` for a revoked one. */
async function session(userId: string, expiresInDays: number, revokedDaysAgo: number | null = null): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO sessions (user_id, token_hash, expires_at, revoked_at)
     VALUES ($1, sha256(gen_random_uuid()::text::bytea), now() + make_interval(days => $2),
             CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END)
     RETURNING id`,
    [userId, expiresInDays, revokedDaysAgo],
  );
  return row!.id;
}

/** Everything an anonymous user can own, so a purge must take all of it or nothing. */
async function belongings(userId: string): Promise<void> {
  await sql(
    `INSERT INTO addresses (user_id, fingerprint, user_name, tel_number, province_name, city_name, county_name, detail_info)
     VALUES ($1, $2, '张三', '13800000000', '浙江省', '杭州市', '西湖区', '文三路 1 号')`,
    [userId, `fp-${randomUUID()}`],
  );
  await sql(`INSERT INTO devices (user_id, device_key, snapshot) VALUES ($1, $2, '{}')`, [userId, `dk-${randomUUID()}`]);
  await sql(`INSERT INTO locations (user_id, latitude, longitude, recorded_at, updated_at) VALUES ($1, 30.27, 120.15, now(), now())`, [userId]);
  await sql(
    `INSERT INTO subscription_consents (user_id, template_id, status, kind, decided_at, updated_at)
     VALUES ($1, 'TPL_PURGE', 'accept', 'one_time', now(), now())`,
    [userId],
  );
  await sql(
    `INSERT INTO subscription_consent_events (user_id, template_id, status, kind, decided_at)
     VALUES ($1, 'TPL_PURGE', 'accept', 'one_time', now())`,
    [userId],
  );
}

const idsOf = async (table: string, column: string, ids: string[]) =>
  (await sql<{ id: string }>(`SELECT ${column} AS id FROM ${table} WHERE ${column} = ANY($1::uuid[])`, [ids])).map((r) => r.id).sort();

describe('retention purge', () => {
  it('deletes exactly the ended sessions past the grace period and the abandoned anonymous users, in batches', async () => {
    const appId = newAppId();
    const running = await startAs(appId, { SESSIONS_PURGE_BATCH_SIZE: '2' });

    const real = await user(appId, 400, true);
    const keptSessions = [
      await session(real, 3), // live
      await session(real, -6), // expired within the grace period
      await session(real, 3, 6), // revoked within the grace period
    ];
    const endedSessions = [await session(real, -8), await session(real, 3, 8), await session(real, -10, 9)];

    const abandoned = await user(appId, 40); // with everything it can own
    await belongings(abandoned);
    const onlyExpired = await user(appId, 40);
    endedSessions.push(await session(onlyExpired, -35)); // four ended sessions: two full batches and an empty one
    const onlyRevoked = await user(appId, 40);
    const revokedYesterday = await session(onlyRevoked, 3, 1); // goes with its user, not with the ended sessions
    const withLiveSession = await user(appId, 40);
    keptSessions.push(await session(withLiveSession, 1));
    const seenRecently = await user(appId, 10);
    const withNotification = await user(appId, 40);
    await sql(
      `INSERT INTO notifications (app_id, user_id, template_id, data, idempotency_key, status, updated_at)
       VALUES ($1, $2, 'TPL_PURGE', '{}', $3, 'sent', now())`,
      [appId, withNotification, `idem-${randomUUID()}`],
    );
    const otherApp = await user(newAppId(), 400);
    const otherAppSession = await session(otherApp, -400);

    const report = await running.app.get(RetentionPurge).run();

    expect(report).toEqual({ sessions: { deleted: 4, complete: true }, anonymousUsers: { deleted: 3, complete: true } });
    const allUsers = [real, abandoned, onlyExpired, onlyRevoked, withLiveSession, seenRecently, withNotification, otherApp];
    expect(await idsOf('users', 'id', allUsers)).toEqual([real, withLiveSession, seenRecently, withNotification, otherApp].sort());
    const allSessions = [...keptSessions, ...endedSessions, revokedYesterday, otherAppSession];
    expect(await idsOf('sessions', 'id', allSessions)).toEqual([...keptSessions, otherAppSession].sort());
    for (const table of ['addresses', 'devices', 'locations', 'subscription_consents', 'subscription_consent_events']) {
      expect({ table, left: await idsOf(table, 'user_id', [abandoned]) }).toEqual({ table, left: [] });
    }
    expect(await idsOf('notifications', 'user_id', [withNotification])).toEqual([withNotification]);

    // Nothing is left to do: the next run deletes nothing.
    expect(await running.app.get(RetentionPurge).run()).toEqual({
      sessions: { deleted: 0, complete: true },
      anonymousUsers: { deleted: 0, complete: true },
    });
  });

  it('stops a run after MAX_BATCHES_PER_RUN batches and leaves the rest to the next run', async () => {
    const appId = newAppId();
    const running = await startAs(appId, { SESSIONS_PURGE_BATCH_SIZE: '1' });
    const owner = await user(appId, 400, true);
    await sql(
      `INSERT INTO sessions (user_id, token_hash, expires_at)
       SELECT $1, sha256(gen_random_uuid()::text::bytea), now() - interval '30 days' FROM generate_series(1, $2::int)`,
      [owner, MAX_BATCHES_PER_RUN + 1],
    );
    const purge = running.app.get(RetentionPurge);

    expect((await purge.run()).sessions).toEqual({ deleted: MAX_BATCHES_PER_RUN, complete: false });
    expect((await purge.run()).sessions).toEqual({ deleted: 1, complete: true });
    expect(await sql('SELECT id FROM sessions WHERE user_id = $1', [owner])).toEqual([]);
  });

  it('registers an hourly UTC schedule on a stately queue, and a job on that queue runs the purge', async () => {
    const appId = newAppId();
    const running = await startAs(appId);
    const worker = running.app.get(RetentionWorker);
    const owner = await user(appId, 400, true);
    const ended = await session(owner, -30);
    // A job already waiting when the worker starts polling is fetched at once.
    const boss = await running.app.get(NotificationQueue).start();
    await boss.createQueue(worker.queueName, { name: worker.queueName, policy: 'stately' });
    const jobId = await boss.send(worker.queueName, {});

    await worker.register();

    expect(await sql('SELECT cron, timezone FROM pgboss.schedule WHERE name = $1', [worker.queueName])).toEqual([
      { cron: PURGE_CRON, timezone: 'UTC' },
    ]);
    expect(await sql('SELECT policy FROM pgboss.queue WHERE name = $1', [worker.queueName])).toEqual([{ policy: 'stately' }]);
    await expect
      .poll(async () => (await sql<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [jobId]))[0]?.state, { timeout: 10_000 })
      .toBe('completed');
    expect(await sql('SELECT id FROM sessions WHERE id = $1', [ended])).toEqual([]);
  });

  it('counts an anonymous login as being seen: a returning anonymous user is not abandoned', async () => {
    const running = await apps.start({ ANONYMOUS_USER_RETENTION_DAYS: '30' });
    const visitor = await emulator.createUser({ loggedIn: false });
    const logIn = async () =>
      ZLoginResponse.parse(
        (await postJson(running.baseUrl, '/auth/login', { anonymousCode: (await emulator.login(visitor.id)).anonymousCode })).body,
      );
    const first = await logIn();
    await sql("UPDATE users SET updated_at = now() - interval '40 days' WHERE id = $1", [first.user.id]);
    await sql("UPDATE sessions SET revoked_at = now() - interval '39 days' WHERE user_id = $1", [first.user.id]);

    const again = await logIn();

    expect(again.user.id).toBe(first.user.id);
    const [row] = await sql<{ recent: boolean }>("SELECT updated_at > now() - interval '1 minute' AS recent FROM users WHERE id = $1", [
      first.user.id,
    ]);
    expect(row!.recent).toBe(true);
  });
});
