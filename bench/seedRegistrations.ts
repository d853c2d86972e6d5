// Stores a long history of registrations straight into a station's SQLite file, far faster than the core's
// ~2,000 transactions a second: sealed tubes of 10 on past days, as a big site would have after months of work.
//
// The schema must exist already (let the app create it: createCore, or the CLI once). The rows are valid as the
// app writes them (migrations 001-005): sealed tubes with their seal reason, registrations with a valid resident ID
// number, the sex and birth date it implies, status 'active', source 'scan', the operator who scanned them; the
// day counts that migration 3 keeps are right (people by its trigger, sealed tubes written here, since a tube
// inserted already sealed does not fire the trigger that counts a seal).
//
// With `withFacts`, each tube's history is written as the station writes it: tube opened, each person added, tube
// sealed, each fact through the station's own recorder (src-main/core/facts/record.ts), so the audit trail is
// hash-chained from genesis and verifies, and every fact waits in the outbox with its payload, unacknowledged.
// Without it the trail starts empty, as on a fresh station: a scan reads only the trail's last row and the outbox's
// backlog counter, so the history's size does not change what a scan costs; what runs over the whole history
// (backups, retention, exports) is measured with it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { localDay } from '../src-main/core/clock';
import { DATABASE_FILE } from '../src-main/core/core';
import { createFactRecorder } from '../src-main/core/facts/record';
import { checkCharacter } from '../src-main/core/domain/residentId';

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴刚', '徐丽', '孙浩'];

/** People who come back to be sampled: registration i is person i mod POPULATION. */
export const POPULATION = 250_000;
const PER_DAY = 10_000;
const CAPACITY = 10;
const DESKS = ['1', '2', '3', '4'];
const ROWS_PER_TRANSACTION = 100_000;

/** A valid resident ID number for person n (0 <= n < 1,000,000): born 1940-2008, sequence n / 25,000. */
export function seededIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1 + (n % 25_000)));
  const first17 = `110101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(n / 25_000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The personal code a QR sticker of person n carries, in the default format {name}|{idNumber}|{phone}. */
export function seededPersonCode(n: number): string {
  return `${NAMES[n % NAMES.length]}|${seededIdNumber(n)}|139${String(n).padStart(8, '0')}`;
}

/**
 * Stores `count` registrations (a multiple of 10) in sealed tubes of 10, PER_DAY a day on the days before today,
 * by `operatorId`. Returns the days it covered.
 */
/** `key`: the database is encrypted with it. */
export function seedRegistrations(
  dataDir: string,
  count: number,
  operatorId: string,
  key?: string,
  withFacts = false,
): { days: number } {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  if (key !== undefined) db.key(Buffer.from(key, 'utf8'));
  // This connection only: nothing here needs to survive a power cut, the benchmark seeds again next time.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -524288');
  const addDesk = db.prepare('INSERT OR IGNORE INTO desks (code, id, created_at) VALUES (?, ?, ?)');
  const addTube = db.prepare(
    `INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, closed_at, day, operator_id)
     VALUES (?, ?, ?, ${CAPACITY}, 'sealed', 'full', ?, ?, ?, ?)`,
  );
  const addPerson = db.prepare(
    `INSERT INTO registrations
       (id, tube_id, position, doc_type, doc_number, name, phone, status, created_at, day, operator_id, sex, birth_date, source)
     VALUES (?, ?, ?, 'resident-id', ?, ?, ?, 'active', ?, ?, ?, ?, ?, 'scan')`,
  );
  // The station's own recorder, its clock set to each row's time.
  let factAt = new Date();
  const record = createFactRecorder(db, () => factAt);
  const actor = (desk: string) => `clerk:${desk}:${operatorId}`;
  const countSealed = db.prepare(
    'INSERT INTO day_counts (day, sealed) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET sealed = sealed + excluded.sealed',
  );

  const now = new Date();
  const days = Math.ceil(count / PER_DAY);
  const dayOf = (i: number) => Math.floor(i / PER_DAY);
  // Day d (0-based) is d + 1 days before today; each day's work starts at 08:00 local, a scan every 2 seconds.
  const dayStart = (d: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - (d + 1), 8, 0, 0);
  const sealedPerDay = new Map<string, number>();

  const batch = db.transaction((from: number, to: number) => {
    let tubeId = '';
    for (let i = from; i < to; i++) {
      const d = dayOf(i);
      const at = new Date(dayStart(d).getTime() + (i % PER_DAY) * 2000);
      const day = localDay(at);
      const position = (i % CAPACITY) + 1;
      if (position === 1) {
        tubeId = randomUUID();
        const tube = i / CAPACITY;
        const closed = new Date(at.getTime() + (CAPACITY - 1) * 2000).toISOString();
        const barcode = String(1_000_000_000_000 + tube);
        const desk = DESKS[tube % DESKS.length];
        addTube.run(tubeId, barcode, desk, at.toISOString(), closed, day, operatorId);
        sealedPerDay.set(day, (sealedPerDay.get(day) ?? 0) + 1);
        if (withFacts) {
          factAt = at;
          const facts = { tubeId, barcode, desk, capacity: CAPACITY };
          record({ kind: 'tube.opened', subject: tubeId, actor: actor(desk), data: facts, upload: facts });
        }
      }
      const person = i % POPULATION;
      const idNumber = seededIdNumber(person);
      const registrationId = randomUUID();
      const name = NAMES[person % NAMES.length];
      const phone = `139${String(person).padStart(8, '0')}`;
      const sex = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
      addPerson.run(registrationId, tubeId, position, idNumber, name, phone, at.toISOString(), day, operatorId, sex, idNumber.slice(6, 14));
      if (withFacts) {
        factAt = at;
        const tube = { tubeId, tubeBarcode: String(1_000_000_000_000 + Math.floor(i / CAPACITY)) };
        const desk = DESKS[Math.floor(i / CAPACITY) % DESKS.length];
        const person = { docType: 'resident-id', docNumber: idNumber, name, phone, sex, birthDate: idNumber.slice(6, 14) };
        record({
          kind: 'person.added',
          subject: registrationId,
          actor: actor(desk),
          data: { registrationId, tubeId, position, source: 'scan', repeatConfirmed: false },
          upload: { registrationId, ...tube, position, source: 'scan', ...person },
        });
        if (position === CAPACITY) {
          factAt = new Date(at.getTime() + 1000);
          const facts = { tubeId, barcode: tube.tubeBarcode, count: CAPACITY, reason: 'full' };
          record({ kind: 'tube.sealed', subject: tubeId, actor: actor(desk), data: facts, upload: facts });
        }
      }
    }
  });

  // The registrations' secondary indexes are dropped for the bulk insert and created again from their own SQL,
  // which halves the seeding time; the schema ends exactly as the migrations left it. The primary key's index
  // stays, filled by random UUIDs in insertion order as the app's are.
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registrations' AND sql IS NOT NULL ORDER BY name",
    )
    .all();
  if (count % CAPACITY !== 0) throw new Error(`seed a whole number of tubes of ${CAPACITY}, not ${count} people`);
  try {
    db.transaction(() => {
      for (const desk of DESKS) addDesk.run(desk, randomUUID(), now.toISOString());
      for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
    })();
    for (let from = 0; from < count; from += ROWS_PER_TRANSACTION) batch(from, Math.min(count, from + ROWS_PER_TRANSACTION));
    db.transaction(() => {
      for (const { sql } of indexes) db.exec(sql);
      for (const [day, sealed] of sealedPerDay) countSealed.run(day, sealed);
    })();
    const after = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registrations' AND sql IS NOT NULL ORDER BY name",
      )
      .all();
    if (JSON.stringify(after) !== JSON.stringify(indexes)) throw new Error('the registrations indexes were not restored');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { days };
}
