// The hub's migrations: each tested from the version before it (the first from a database the reference receiver
// made, before there were versions); several hubs migrating one new database at once run each migration once; a
// failing migration leaves nothing behind; a database from a newer hub is refused.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubMigrations, hubSchemaVersion, migrateHub } from '../../src-main/hub/migrations';
import { migration001 } from '../../src-main/hub/migrations/001-receiver';
import { createStore } from '../../src-main/hub/store';
import { startPostgres, type PrivatePostgres } from '../fixtures/postgres';

let postgres: PrivatePostgres;
const pools: pg.Pool[] = [];
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await postgres.stop();
});

/** A new, empty database of its own, and its URL. */
async function freshDatabase(): Promise<string> {
  const name = `migrations_${++databases}`;
  const admin = new pg.Client(postgres.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return postgres.url.replace(/\/postgres$/, `/${name}`);
}

function poolOf(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // Idle connections end with the cluster after the tests.
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

const tables = async (pool: pg.Pool) =>
  (
    await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_version' ORDER BY table_name",
    )
  ).rows.map((row) => row.table_name);

const version = async (pool: pg.Pool) => {
  const client = await pool.connect();
  try {
    return await hubSchemaVersion(client);
  } finally {
    client.release();
  }
};

const LATEST = hubMigrations.length;

/** The tables each migration adds: every migration in the list needs an entry here. */
const CREATES: Record<number, string[]> = {
  1: ['facts', 'stations', 'tokens'],
  2: ['bag_tubes', 'bags', 'conflicts', 'desks', 'handover_bags', 'handovers', 'registrations', 'site_facts', 'sites', 'tubes'],
  3: ['console_audit', 'console_sessions', 'console_users'],
  4: [],
  5: ['sealed_keys', 'station_keys'],
};

describe("the hub's migrations", () => {
  it('each add the tables listed for them', async () => {
    expect(Object.keys(CREATES).map(Number)).toEqual(hubMigrations.map((migration) => migration.version));
    const pool = poolOf(await freshDatabase());
    let before: string[] = [];
    for (const migration of hubMigrations) {
      expect(await migrateHub(pool, migration.version)).toBe(migration.version);
      const after = await tables(pool);
      expect(after.filter((table) => !before.includes(table))).toEqual(CREATES[migration.version]);
      before = after;
    }
  });

  it("take a receiver's database as version 1 as it is, and bring it up to date with its facts, stations and tokens working as before", async () => {
    const url = await freshDatabase();
    const pool = poolOf(url);
    // What the reference receiver made: its tables and nothing else, no schema_version.
    const client = await pool.connect();
    await migration001.up(client);
    client.release();
    const token = 'a-token-the-receiver-issued';
    const stationId = randomUUID();
    await pool.query("INSERT INTO tokens (token_sha256, label) VALUES ($1, '东城三点 PC1')", [createHash('sha256').update(token).digest('hex')]);
    await pool.query("INSERT INTO stations VALUES ($1, 'BJ-0101', '东城区第三采样点', now())", [stationId]);
    await pool.query(
      `INSERT INTO facts (fact_id, station_id, site_code, kind, at, payload) VALUES ($1, $2, 'BJ-0101', 'tube.opened', now(), '{"barcode": "20261123001"}')`,
      [randomUUID(), stationId],
    );
    const factsBefore = (await pool.query('SELECT * FROM facts')).rows;

    expect(await migrateHub(pool)).toBe(LATEST);
    expect((await pool.query('SELECT * FROM facts')).rows).toEqual(factsBefore);
    expect((await pool.query('SELECT station_id, site_code, label, enrolled FROM stations')).rows).toEqual([
      { station_id: stationId, site_code: 'BJ-0101', label: null, enrolled: false },
    ]);

    const store = createStore(url);
    try {
      const holder = await store.authenticate(token);
      expect(holder).toMatchObject({ label: '东城三点 PC1', siteCode: null, stationId: null });
      const fact = { factId: randomUUID(), kind: 'tube.sealed', at: new Date().toISOString() };
      const outcome = await store.storeBatch(holder!, { siteCode: 'BJ-0101', siteName: '东城区第三采样点', stationId }, [
        { ...fact, payloadJson: JSON.stringify(fact) },
      ]);
      expect(outcome.stored).toEqual(new Set([fact.factId]));
    } finally {
      await store.close();
    }
    expect((await pool.query('SELECT count(*) AS n FROM site_facts')).rows).toEqual([{ n: '0' }]);
  });

  it("give the stations of a database at version 3 a backlog that says they never reported, until they do", async () => {
    const url = await freshDatabase();
    const pool = poolOf(url);
    expect(await migrateHub(pool, 3)).toBe(3);
    const token = 'a-token-without-a-site';
    const stationId = randomUUID();
    await pool.query("INSERT INTO tokens (token_sha256, label) VALUES ($1, '东城三点 PC1')", [createHash('sha256').update(token).digest('hex')]);
    await pool.query("INSERT INTO stations (station_id, site_code, site_name, last_seen) VALUES ($1, 'BJ-0101', '东城区第三采样点', now())", [stationId]);
    const before = (await pool.query('SELECT * FROM stations')).rows;

    expect(await migrateHub(pool, 4)).toBe(4);
    const backlog = 'SELECT backlog_waiting, backlog_oldest_at, backlog_measured_at FROM stations';
    expect((await pool.query('SELECT station_id, site_code, site_name, last_seen, label, enrolled FROM stations')).rows).toEqual(before);
    expect((await pool.query(backlog)).rows).toEqual([{ backlog_waiting: null, backlog_oldest_at: null, backlog_measured_at: null }]);

    const store = createStore(url);
    try {
      const fact = { factId: randomUUID(), kind: 'tube.sealed', at: new Date().toISOString() };
      const measuredAt = '2026-11-23T09:00:00.000Z';
      const sender = { siteCode: 'BJ-0101', siteName: '东城区第三采样点', stationId, backlog: { waiting: 4, oldestAt: '2026-11-23T08:59:00.000Z', measuredAt } };
      await store.storeBatch((await store.authenticate(token))!, sender, [{ ...fact, payloadJson: JSON.stringify(fact) }]);
    } finally {
      await store.close();
    }
    expect((await pool.query(backlog)).rows).toEqual([
      { backlog_waiting: 4, backlog_oldest_at: expect.any(Date), backlog_measured_at: new Date('2026-11-23T09:00:00.000Z') },
    ]);
  });

  it('give a database at version 4 the tables for sharing sticker keys, which take only public keys and sealed blobs of the site', async () => {
    const url = await freshDatabase();
    const pool = poolOf(url);
    expect(await migrateHub(pool, 4)).toBe(4);
    await pool.query("INSERT INTO sites (code) VALUES ('BJ-0101')");
    const before = (await pool.query('SELECT * FROM sites')).rows;
    expect(await migrateHub(pool, 5)).toBe(5);
    expect((await pool.query('SELECT * FROM sites')).rows).toEqual(before);

    const [a, b] = [randomUUID(), randomUUID()];
    const key = "INSERT INTO station_keys (station_id, site_code, public_key) VALUES ($1, 'BJ-0101', $2)";
    await pool.query(key, [a, Buffer.alloc(32, 1)]);
    await pool.query(key, [b, Buffer.alloc(32, 2)]);
    await expect(pool.query(key, [randomUUID(), Buffer.alloc(31)])).rejects.toThrow(/check/);
    await expect(pool.query("INSERT INTO station_keys (station_id, site_code, public_key) VALUES ($1, 'XX-9', $2)", [randomUUID(), Buffer.alloc(32)])).rejects.toThrow(
      /foreign key/,
    );
    const sealed = "INSERT INTO sealed_keys (site_code, from_station, to_station, key_id, sealed) VALUES ('BJ-0101', $1, $2, $3, $4)";
    await pool.query(sealed, [a, b, '0badc0de', Buffer.alloc(92)]);
    await expect(pool.query(sealed, [a, b, '0badc0de', Buffer.alloc(92)])).rejects.toThrow(/duplicate key/);
    await expect(pool.query(sealed, [a, a, 'c0ffee00', Buffer.alloc(92)])).rejects.toThrow(/check/);
    await expect(pool.query(sealed, [a, b, 'C0FFEE00', Buffer.alloc(92)])).rejects.toThrow(/check/);
    await expect(pool.query(sealed, [a, b, 'c0ffee00', Buffer.alloc(32)])).rejects.toThrow(/check/);
    await expect(pool.query(sealed, [a, randomUUID(), 'c0ffee00', Buffer.alloc(92)])).rejects.toThrow(/foreign key/);
  });

  it('run each migration once when several hubs start on a new database at the same moment', async () => {
    const url = await freshDatabase();
    const versions = await Promise.all(Array.from({ length: 4 }, () => migrateHub(poolOf(url))));
    expect(versions).toEqual([LATEST, LATEST, LATEST, LATEST]);
    const pool = poolOf(url);
    expect((await pool.query('SELECT version FROM schema_version ORDER BY version')).rows).toEqual(hubMigrations.map((migration) => ({ version: migration.version })));
  });

  it('leave the database at the version before when a migration fails', async () => {
    const pool = poolOf(await freshDatabase());
    const broken = { version: LATEST + 1, name: 'fails halfway', up: (client: pg.ClientBase) => client.query('CREATE TABLE half_done (x int); SELECT 1 / 0') };
    await expect(migrateHub(pool, undefined, [...hubMigrations, broken])).rejects.toThrow(/division by zero/);
    expect(await version(pool)).toBe(LATEST);
    expect((await pool.query("SELECT to_regclass('half_done') AS found")).rows).toEqual([{ found: null }]);
    // The lock was let go: the next start migrates.
    expect(await migrateHub(pool)).toBe(LATEST);
  });

  it('refuse a database a newer hub migrated', async () => {
    const pool = poolOf(await freshDatabase());
    await migrateHub(pool);
    await pool.query('INSERT INTO schema_version (version) VALUES ($1)', [LATEST + 1]);
    await expect(migrateHub(pool)).rejects.toThrow(`schema version ${LATEST + 1}, newer than this SwabDesk knows (${LATEST})`);
  });
});
