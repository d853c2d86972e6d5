// The manager's corrections of a person's details: the record changes in place, the trail keeps the old value,
// who, when and why; every refusal leaves the database as it was. And the tube listing the manager picks from.
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../src-main/core/core';
import { CLERK, driver, MANAGER } from '../fixtures/driver';
import { idNumber, personCode } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dataDir: string;
let dispose: () => void;
let d: ReturnType<typeof driver>;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
  d = driver(core, dataDir);
});
afterEach(() => dispose());

type Row = Record<string, unknown>;
const rows = (table: string) => d.tables()[table] as Row[];
const TUBE = '2026112200001';

function twoPeopleSealed(): string[] {
  d.scan(TUBE);
  d.scan(personCode(0));
  d.scan(personCode(1));
  d.seal();
  return rows('registrations').map((r) => r.id as string);
}

const correct = (registrationId: string, changes: Record<string, string>) =>
  d.call(MANAGER, 'site.correctPerson', { registrationId, reason: 'misspelt at the desk', ...changes });

describe('correcting a person', () => {
  it("keeps the old values beside the chain under their digest: changing them breaks the trail's verification", () => {
    const [first] = twoPeopleSealed();
    correct(first, { phone: '13900000001' });
    expect(core.admin.verifyAudit()).toMatchObject({ ok: true });
    const audit = rows('audit').at(-1)!;
    const raw = new Database(path.join(dataDir, DATABASE_FILE));
    raw.prepare('UPDATE audit_private SET data = ? WHERE fact_id = ?').run('{"before":{"phone":"13800000000"}}', audit.fact_id);
    raw.close();
    expect(core.admin.verifyAudit()).toMatchObject({ ok: false, seq: audit.seq, problem: 'altered' });
  });

  it('changes the record in place and keeps the old value, who and why in the trail', () => {
    const [first] = twoPeopleSealed();
    expect(correct(first, { name: ' 张  卫 ', phone: '13900000001' })).toEqual({
      result: 'corrected',
      fields: ['name', 'phone'],
    });
    expect(rows('registrations')[0]).toMatchObject({ id: first, name: '张 卫', phone: '13900000001', status: 'active' });
    const audit = rows('audit').at(-1)!;
    expect(audit).toMatchObject({ kind: 'person.corrected', actor: expect.stringMatching(/^manager:/), subject: first });
    // The chained row names what changed; the values sit beside it, under their digest, until retention purges them.
    const data = JSON.parse(audit.data as string);
    expect(data).toEqual({
      registrationId: first,
      reason: 'misspelt at the desk',
      fields: ['name', 'phone'],
      privateDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(audit.data).not.toContain('13910000000');
    const kept = rows('audit_private').find((row) => row.fact_id === audit.fact_id)!;
    expect(JSON.parse(kept.data as string)).toEqual({
      before: { name: '张伟', phone: '13910000000' },
      after: { name: '张 卫', phone: '13900000001' },
    });
    // The platform hears the new values only.
    const outbox = JSON.parse(rows('outbox').at(-1)!.payload as string);
    expect(outbox).toMatchObject({ kind: 'person.corrected', name: '张 卫', phone: '13900000001' });
    expect(JSON.stringify(outbox)).not.toContain('13910000000');
    expect(d.call(MANAGER, 'site.registration', { registrationId: first })).toMatchObject({
      name: '张 卫',
      idNumber: idNumber(0),
    });
  });

  it('re-derives birth date and sex when the number changes, with the same checks as at the desk', () => {
    const [first] = twoPeopleSealed();
    d.expectRefused(() => correct(first, { idNumber: '110101199003071231' }), 'id-checkdigit');
    expect(correct(first, { idNumber: '110101199003071233' })).toEqual({ result: 'corrected', fields: ['idNumber'] });
    expect(rows('registrations')[0]).toMatchObject({ doc_number: '110101199003071233', birth_date: '19900307', sex: 'male' });
  });

  it('refuses what would break a rule or change nothing, leaving every table as it was', () => {
    const [first, second] = twoPeopleSealed();
    d.expectRefused(() => correct(first, { idNumber: idNumber(1) }), 'person-already-in-tube');
    d.expectRefused(() => correct(first, { name: '张伟' }), 'nothing-changed');
    d.expectRefused(() => correct(first, { name: '   ' }), 'name-missing');
    d.expectRefused(() => correct(first, { phone: '12345' }), 'phone-invalid');
    d.expectRefused(() => correct(first, { docType: 'hmt-permit' }), 'id-region');
    d.expectRefused(() => correct('00000000-0000-4000-8000-000000000000', { name: '李四' }), 'registration-unknown');
    d.call(MANAGER, 'site.voidRegistration', { registrationId: second, reason: 'wrong person' });
    d.expectRefused(() => correct(second, { name: '李四' }), 'registration-voided');
  });

  it('refuses a removed person and a bad call, and is closed to clerks', async () => {
    d.scan(TUBE);
    d.scan(personCode(0));
    d.undo();
    const removed = rows('registrations')[0].id as string;
    d.expectRefused(() => correct(removed, { name: '李四' }), 'registration-unknown');
    const before = d.tables();
    expect(await core.receive(MANAGER, 'site.correctPerson', { registrationId: removed, name: '李四' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(core.call(CLERK, 'site.correctPerson', { registrationId: removed, name: '李四', reason: 'typo' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(d.tables()).toEqual(before);
  });
});

describe('the people of a tube', () => {
  it('lists everyone who was ever in it, partly hidden, with their status', () => {
    const [first] = twoPeopleSealed();
    d.call(MANAGER, 'site.voidRegistration', { registrationId: first, reason: 'wrong person' });
    expect(d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })).toEqual({
      barcode: TUBE,
      desk: '1',
      status: 'sealed',
      voided: false,
      people: [
        expect.objectContaining({ registrationId: first, position: 1, status: 'voided', name: '张*', phone: '139****0000' }),
        expect.objectContaining({ position: 2, status: 'active', name: '王*', idNumber: '110101********' + idNumber(1).slice(-4) }),
      ],
      bag: null,
      handover: null,
    });
    expect(d.call(MANAGER, 'site.tubePeople', { barcode: '9999999999' })).toBeNull();
  });
});

describe('searching for a person', () => {
  it('finds a person by ID number (a small x too), phone or name, in full, and audits every search masked', () => {
    const [first] = twoPeopleSealed();
    const number = idNumber(0);
    const found = d.call(MANAGER, 'site.searchPeople', { text: ` ${number} ` }) as unknown as Record<string, unknown>[];
    expect(found).toEqual([
      {
        registrationId: first,
        tube: TUBE,
        desk: '1',
        position: 1,
        status: 'active',
        docType: 'resident-id',
        idNumber: number,
        name: '张伟',
        phone: '13910000000',
        registeredAt: new Date(2026, 10, 22, 9, 30).toISOString(),
      },
    ]);
    expect(d.call(MANAGER, 'site.searchPeople', { text: '13910000000' })).toEqual(found);
    expect(d.call(MANAGER, 'site.searchPeople', { text: '张伟' })).toEqual(found);
    expect(d.call(MANAGER, 'site.searchPeople', { text: '无此人' })).toEqual([]);

    const searches = rows('audit').filter((r) => r.kind === 'search');
    expect(searches.map((r) => JSON.parse(r.data as string))).toEqual([
      { query: `${number.slice(0, 6)}********${number.slice(-4)}`, found: 1 },
      { query: '139****0000', found: 1 },
      { query: '张*', found: 1 },
      { query: '无*人', found: 0 },
    ]);
    for (const row of searches) expect(row.actor).toMatch(/^manager:/);
    // The trail never holds what was searched for in full.
    expect(JSON.stringify(searches)).not.toContain(number);
    expect(core.call(CLERK, 'site.searchPeople', { text: number })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
