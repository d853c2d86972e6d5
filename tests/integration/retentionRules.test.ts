// Which registrations retention takes, now that it searches through the acknowledged facts: only those whose every
// fact the platform acknowledged before the cutoff, in tubes no longer open, made before the cutoff; each counted
// once however its facts were acknowledged; and nothing at all while nothing was acknowledged.
import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../src-main/core/core';
import { CLERK, CLERK_PIN, driver, MANAGER, OTHER_CLERK, signInManager, value } from '../fixtures/driver';
import { idNumber } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

const DAY = 24 * 60 * 60_000;
const start = new Date('2026-10-01T09:00:00Z').getTime();
let now = start;
let core: Core;
let dataDir: string;
let dispose: () => void;
let d: ReturnType<typeof driver>;

beforeEach(() => {
  now = start;
  ({ core, dataDir, dispose } = tempCore(() => new Date(now)));
  d = driver(core, dataDir);
  d.call(MANAGER, 'site.updateSettings', { retentionDays: 30 });
});
afterEach(() => dispose());

const code = (n: number) => `测试${n}|${idNumber(n)}|1390000000${n}`;
const registrationOf = (n: number) =>
  (d.tables().registrations as { id: string; doc_number: string }[]).find((r) => r.doc_number === idNumber(n))!.id;

/** Days pass: the windows have locked themselves by then, and everyone signs in again. */
function later(days: number): void {
  now = start + days * DAY;
  signInManager(core);
  const { operators } = value(core.call(CLERK, 'session.state'));
  const clerk = operators.find((operator) => operator.name === '测试登记员')!;
  for (const desk of [CLERK, OTHER_CLERK]) value(core.call(desk, 'session.signIn', { operatorId: clerk.id, pin: CLERK_PIN }));
}

/** The platform acknowledges every fact still waiting, at `at` (as the uploader marks them). */
function acknowledgeAll(at: number): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.prepare('UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL').run(new Date(at).toISOString());
  db.close();
}

it('does nothing while nothing was acknowledged, however old', async () => {
  d.scan('2026100100001');
  d.scan(code(1));
  d.seal();
  later(100);
  expect(await core.admin.purge(null, 'test')).toBe(0);
  expect(d.tables().registrations).toHaveLength(1);
});

it('takes what was all acknowledged before the cutoff, and keeps a person with a later fact, an open tube and the recent', async () => {
  d.scan('2026100100001');
  d.scan(code(1));
  d.scan(code(2));
  d.scan(code(3));
  d.seal();
  d.scan('2026100100002');
  d.scan(code(4));
  // Desk 2's tube stays open to the end.
  d.scan('2026100100009', OTHER_CLERK);
  d.scan(code(6), OTHER_CLERK);
  acknowledgeAll(start + DAY);
  // A correction of person 3 on day 20: its fact is acknowledged only on day 40, inside the retention period.
  later(20);
  expect(d.call(MANAGER, 'site.correctPerson', { registrationId: registrationOf(3), phone: '13911112222', reason: '打错了' })).toMatchObject({
    result: 'corrected',
  });
  acknowledgeAll(start + 40 * DAY);
  // Person 5, registered on day 40 and acknowledged at once, is recent.
  later(40);
  d.seal();
  d.scan('2026110900003');
  d.scan(code(5));
  d.seal();
  acknowledgeAll(now);

  later(45);
  const gone = [registrationOf(1), registrationOf(2), registrationOf(4)];
  expect(await core.admin.purge(null, 'test')).toBe(3);
  const left = (d.tables().registrations as { id: string; doc_number: string }[]).map((r) => r.doc_number).sort();
  expect(left).toEqual([idNumber(3), idNumber(5), idNumber(6)].sort());
  // Every fact about a purged person left the outbox with them.
  const subjects = (d.tables().outbox as { fact_id: string }[]).map((row) => row.fact_id);
  const audit = d.tables().audit as { fact_id: string; subject: string }[];
  expect(audit.filter((row) => gone.includes(row.subject) && subjects.includes(row.fact_id))).toEqual([]);
  expect(audit.filter((row) => (row as unknown as { kind: string }).kind === 'retention.purged')).toHaveLength(1);
  expect(core.admin.verifyAudit()).toMatchObject({ ok: true });
  // Done: the next purge finds nothing.
  expect(await core.admin.purge(null, 'test')).toBe(0);
});
