// The clerk's loop through the core (one tube, N people): the positive flow, and every refusal of the field guide
// shown with the database unchanged, every table snapshotted before and after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { checkCharacter } from '../../src-main/core/domain/residentId';
import { CLERK, driver, MANAGER, OTHER_CLERK, signIn, signInManager, value } from '../fixtures/driver';
import { idNumber } from '../fixtures/people';
import { readSnapshot, tempCore } from '../fixtures/tempCore';
import { loadVectors } from '../fixtures/vectors';

let now: Date;
let core: Core;
let dataDir: string;
let dispose: () => void;
let d: ReturnType<typeof driver>;

beforeEach(() => {
  now = new Date(2026, 10, 22, 9, 30);
  ({ core, dataDir, dispose } = tempCore(() => now));
  d = driver(core, dataDir);
});
afterEach(() => dispose());

/** Twelve distinct people: the valid vectors first, then numbers built with the check character. */
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴刚', '徐丽', '孙浩'];
const IDS = [...loadVectors().ids.valid.map(([number]) => number), ...Array.from({ length: 6 }, (_, i) => idNumber(i + 20))];
/** A valid number for someone born in 1980, distinct for each `i` below 1000. */
const bornIn1980 = (i: number) => {
  const first17 = `44030519800${1 + (i % 9)}1${i % 10}${String(i).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};
const person = (i: number) => `${NAMES[i]}|${IDS[i]}|139${String(i).padStart(8, '0')}`;

type TubeRow = { id: string; barcode: string; desk: string; status: string; seal_reason: string | null; capacity: number; closed_at: string | null };
type RegistrationRow = { tube_id: string; position: number; doc_number: string; name: string; phone: string; status: string };
const tubes = () => readSnapshot(dataDir).tubes as TubeRow[];
const registrations = () => readSnapshot(dataDir).registrations as RegistrationRow[];
const tube = (barcode: string) => tubes().find((t) => t.barcode === barcode && t.status !== 'discarded');
const deskState = (who = CLERK) => value(core.call(who, 'clerk.deskState', {}));
const totals = () => value(core.call(MANAGER, 'site.totals', {}));

it('has twelve distinct valid people to work with', () => {
  expect(new Set(IDS).size).toBe(12);
  expect(IDS.slice(0, 6)).toEqual(['110101199003071233', '310104200002294568', '440305198512310018', '330106201010100509', '510107197901012343', '11010519491231002X']);
});

describe('the tube loop', () => {
  it('opens a scanned tube on this desk, empty, with the capacity N of the site', () => {
    expect(d.scan('2026112200001')).toEqual({
      result: 'tube-opened',
      tube: { barcode: '2026112200001', capacity: 10, openedAt: now.toISOString(), people: [] },
      sealedBefore: null,
    });
    expect(tubes()).toEqual([expect.objectContaining({ barcode: '2026112200001', desk: '1', status: 'open', capacity: 10 })]);
  });

  it('fills a tube of 10 and seals it by itself at the 10th person', () => {
    d.scan('2026112200001');
    for (let i = 0; i < 9; i++) {
      expect(d.scan(person(i))).toMatchObject({
        result: 'person-added',
        sealed: false,
        person: { position: i + 1 },
        tube: { barcode: '2026112200001', count: i + 1, capacity: 10 },
      });
      expect(tube('2026112200001')).toMatchObject({ status: 'open', seal_reason: null });
    }
    expect(d.scan(person(9))).toEqual({
      result: 'person-added',
      person: {
        position: 10,
        name: '吴*',
        idNumber: expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/),
        // Read-out is off by default: no name leaves the core to be spoken.
        spokenName: '',
        sex: expect.stringMatching(/^(male|female)$/),
        birthYear: Number(IDS[9].slice(6, 10)),
      },
      tube: { barcode: '2026112200001', count: 10, capacity: 10 },
      sealed: true,
    });
    expect(tubes()).toEqual([expect.objectContaining({ status: 'sealed', seal_reason: 'full', closed_at: now.toISOString() })]);
    // Stored in full, in order, in that tube; the screen only ever saw them masked.
    const t = tube('2026112200001')!;
    expect(registrations().map((r) => [r.tube_id, r.position, r.doc_number, r.name, r.status])).toEqual(
      IDS.slice(0, 10).map((id, i) => [t.id, i + 1, id, NAMES[i], 'active']),
    );
    expect(deskState()).toEqual({ desk: '1', tube: null });
    // "Next tube": an 11th person has no tube to go into.
    d.expectRefused(() => d.scan(person(10)), 'no-open-tube');
  });

  it('shows people masked to the desk', () => {
    d.scan('2026112200001');
    expect(d.scan('张三|110101199003071233|13800000000')).toMatchObject({
      person: { position: 1, name: '张*', idNumber: '110101********1233' },
    });
    expect(deskState()).toMatchObject({ tube: { people: [{ position: 1, name: '张*', idNumber: '110101********1233' }] } });
  });

  it('stores a lowercase x as X, and a 15-digit legacy number as its 18-digit form', () => {
    d.scan('2026112200001');
    d.scan('赵敏|11010519491231002x|13900000001');
    d.scan('李娜|440524800101001|13900000002');
    expect(registrations().map((r) => r.doc_number)).toEqual(['11010519491231002X', '440524198001010013']);
  });

  it('seals early with people in the tube, and refuses to seal an empty one', () => {
    d.expectRefused(() => d.seal(), 'no-open-tube');
    d.scan('2026112200001');
    d.expectRefused(() => d.seal(), 'tube-empty');
    d.scan(person(0));
    d.scan(person(1));
    expect(d.seal()).toEqual({ result: 'sealed', tube: { barcode: '2026112200001', count: 2, capacity: 10 } });
    expect(tubes()).toEqual([expect.objectContaining({ status: 'sealed', seal_reason: 'early' })]);
    expect(deskState()).toEqual({ desk: '1', tube: null });
    d.expectRefused(() => d.seal(), 'no-open-tube');
  });

  it('asks before sealing an open tube that is not full for a new one; anything else keeps it open', () => {
    d.scan('2026112200001');
    d.scan(person(0));
    d.scan(person(1));
    const before = d.tables();
    expect(d.scan('2026112200002')).toEqual({
      result: 'confirm',
      warning: 'tube-not-full',
      previous: { barcode: '2026112200001', count: 2, capacity: 10 },
      barcode: '2026112200002',
    });
    expect(d.tables()).toEqual(before);
    // The clerk scans the next person instead: into the tube still open.
    expect(d.scan(person(2))).toMatchObject({ result: 'person-added', tube: { barcode: '2026112200001', count: 3 } });
  });

  it('seals the open tube (not full) once the switch is confirmed, and says so in sealedBefore', () => {
    d.scan('2026112200001');
    d.scan(person(0));
    d.scan(person(1));
    expect(d.confirm('2026112200002')).toMatchObject({
      result: 'tube-opened',
      tube: { barcode: '2026112200002', people: [] },
      sealedBefore: { barcode: '2026112200001', count: 2, capacity: 10 },
    });
    expect(tubes().map((t) => [t.barcode, t.status, t.seal_reason])).toEqual([
      ['2026112200001', 'sealed', 'replaced'],
      ['2026112200002', 'open', null],
    ]);
    // The people stayed in the old tube.
    expect(new Set(registrations().map((r) => r.tube_id))).toEqual(new Set([tube('2026112200001')!.id]));
  });

  it('takes a confirmed switch back with F4 before anyone goes into the new tube: the new one dropped, the old one open again', () => {
    d.scan('2026112200001');
    d.scan(person(0));
    d.scan(person(1));
    d.confirm('2026112200002');
    expect(totals()).toMatchObject({ openTubes: 1, sealedTubesToday: 1 });
    expect(d.undo()).toEqual({ result: 'switch-undone', dropped: '2026112200002', tube: { barcode: '2026112200001', count: 2, capacity: 10 } });
    expect(tubes().map((t) => [t.barcode, t.status, t.seal_reason, t.closed_at])).toEqual([
      ['2026112200001', 'open', null, null],
      ['2026112200002', 'discarded', null, now.toISOString()],
    ]);
    expect(totals()).toMatchObject({ openTubes: 1, sealedTubesToday: 0 });
    expect(deskState()).toMatchObject({ tube: { barcode: '2026112200001', people: [{ position: 1 }, { position: 2 }] } });
    // Both changes are facts for the platform, in the order they happened.
    const kinds = (d.tables().outbox as { kind: string }[]).map((row) => row.kind);
    expect(kinds.slice(-2)).toEqual(['tube.discarded', 'tube.reopened']);
    // The dropped barcode may be used again; F4 now takes out the last person of the old tube, as before.
    expect(d.undo()).toMatchObject({ result: 'removed', person: { position: 2 }, tube: { barcode: '2026112200001', count: 1 } });
    expect(d.confirm('2026112200002')).toMatchObject({ result: 'tube-opened', sealedBefore: { barcode: '2026112200001', count: 1 } });
    // Once somebody is in the new tube, F4 takes that person out, not the switch.
    d.scan(person(5));
    expect(d.undo()).toMatchObject({ result: 'removed', person: { position: 1 }, tube: { barcode: '2026112200002', count: 0 } });
    expect(d.undo()).toMatchObject({ result: 'switch-undone', dropped: '2026112200002' });
  });

  it('does not take a switch back once the old tube went into a bag', () => {
    d.scan('2026112200001');
    d.scan(person(0));
    d.confirm('2026112200002');
    d.pack('B2026112201');
    d.pack('2026112200001');
    d.expectRefused(() => d.undo(), 'undo-switch-too-late');
    expect(deskState()).toMatchObject({ tube: { barcode: '2026112200002' } });
  });

  it('does not ask before replacing an empty tube, nor keep a switch to take back', () => {
    d.scan('2026112200001');
    expect(d.scan('2026112200002')).toMatchObject({ result: 'tube-opened', sealedBefore: null });
    d.expectRefused(() => d.undo(), 'undo-tube-empty');
  });

  it('replaces an empty open tube (discarded); its barcode may be used again, here or at another desk', () => {
    d.scan('2026112200001');
    expect(d.scan('2026112200002')).toMatchObject({ result: 'tube-opened', sealedBefore: null });
    expect(tubes().map((t) => [t.barcode, t.status, t.seal_reason])).toEqual([
      ['2026112200001', 'discarded', null],
      ['2026112200002', 'open', null],
    ]);
    expect(d.scan('2026112200001', OTHER_CLERK)).toMatchObject({ result: 'tube-opened', sealedBefore: null });
    expect(d.scan(person(0), OTHER_CLERK)).toMatchObject({ result: 'person-added', tube: { barcode: '2026112200001' } });
  });

  it('keeps one open tube per desk, and desks apart', () => {
    d.scan('2026112200001');
    d.scan('2026112200002', OTHER_CLERK);
    d.scan(person(0));
    d.scan(person(1), OTHER_CLERK);
    expect(deskState()).toMatchObject({ desk: '1', tube: { barcode: '2026112200001', people: [{ position: 1 }] } });
    expect(deskState(OTHER_CLERK)).toMatchObject({ desk: '2', tube: { barcode: '2026112200002', people: [{ position: 1 }] } });
  });

  it('knows each desk once it opens a tube, by a UUID made here', () => {
    d.scan('2026112200001');
    d.scan('2026112200002');
    d.scan('2026112200003', OTHER_CLERK);
    const desks = readSnapshot(dataDir).desks as { code: string; id: string }[];
    expect(desks.map((desk) => desk.code).sort()).toEqual(['1', '2']);
    for (const desk of desks) expect(desk.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the birth date and sex a resident ID number carries, and where the person came from', () => {
    d.scan('2026112200001');
    d.scan(person(0));
    d.call(CLERK, 'clerk.enterPerson', { docType: 'passport', idNumber: 'E12345678', name: 'Anna Lee', phone: '13800000000' });
    expect(readSnapshot(dataDir).registrations).toMatchObject([
      { doc_number: '110101199003071233', birth_date: '19900307', sex: 'male', source: 'scan' },
      { doc_number: 'E12345678', birth_date: null, sex: null, source: 'manual' },
    ]);
  });
});

describe('the pooling ratio', () => {
  it('is set by the manager and decides the capacity of the next tube, not of the open one', () => {
    d.scan('2026112200001');
    d.scan(person(0));
    expect(d.call(MANAGER, 'site.updateSettings', { poolingRatio: 5 })).toMatchObject({ poolingRatio: 5 });
    expect(d.call(MANAGER, 'site.settings')).toMatchObject({ poolingRatio: 5 });
    expect(deskState()).toMatchObject({ tube: { capacity: 10 } });

    expect(d.confirm('2026112200002')).toMatchObject({ tube: { capacity: 5 }, sealedBefore: { capacity: 10 } });
    for (let i = 1; i < 5; i++) expect(d.scan(person(i))).toMatchObject({ sealed: false });
    expect(d.scan(person(5))).toMatchObject({ sealed: true, tube: { count: 5, capacity: 5 } });
    expect(tube('2026112200002')).toMatchObject({ capacity: 5, status: 'sealed', seal_reason: 'full' });
  });

  it('of 1 (single tube) seals each tube at its one person', () => {
    d.call(MANAGER, 'site.updateSettings', { poolingRatio: 1 });
    d.scan('2026112200001');
    expect(d.scan(person(0))).toMatchObject({ sealed: true, tube: { count: 1, capacity: 1 } });
    expect(tube('2026112200001')).toMatchObject({ status: 'sealed', seal_reason: 'full' });
  });

  it('of 20 takes 20 people', () => {
    d.call(MANAGER, 'site.updateSettings', { poolingRatio: 20 });
    d.scan('2026112200001');
    for (let i = 0; i < 19; i++) expect(d.scan(`某人|${bornIn1980(i)}|13900000000`)).toMatchObject({ sealed: false });
    expect(d.scan(`某人|${bornIn1980(19)}|13900000000`)).toMatchObject({ sealed: true, tube: { count: 20, capacity: 20 } });
    expect(new Set(registrations().map((r) => r.doc_number)).size).toBe(20);
  });
});

describe('totals', () => {
  it('count people today, open tubes, and tubes sealed today', () => {
    expect(totals()).toEqual({ day: '2026-11-22', peopleToday: 0, openTubes: 0, sealedTubesToday: 0 });
    d.scan('2026112200001');
    for (let i = 0; i < 3; i++) d.scan(person(i));
    d.scan('2026112200002', OTHER_CLERK);
    for (let i = 3; i < 5; i++) d.scan(person(i), OTHER_CLERK);
    expect(totals()).toEqual({ day: '2026-11-22', peopleToday: 5, openTubes: 2, sealedTubesToday: 0 });

    d.seal();
    expect(totals()).toEqual({ day: '2026-11-22', peopleToday: 5, openTubes: 1, sealedTubesToday: 1 });
    d.confirm('2026112200003', OTHER_CLERK); // seals 2026112200002 (replaced)
    d.scan('2026112200004', OTHER_CLERK); // discards the empty 2026112200003: not sealed
    expect(totals()).toEqual({ day: '2026-11-22', peopleToday: 5, openTubes: 1, sealedTubesToday: 2 });

    // A refusal counts nothing.
    d.scan(person(6), OTHER_CLERK);
    d.expectRefused(() => d.scan(person(6), OTHER_CLERK), 'person-already-in-tube');
    expect(totals()).toMatchObject({ peopleToday: 6 });

    // The next day starts from zero; a tube left open is still open.
    now = new Date(2026, 10, 23, 8, 0);
    // Overnight the manager window locked itself.
    signInManager(core);
    expect(totals()).toEqual({ day: '2026-11-23', peopleToday: 0, openTubes: 1, sealedTubesToday: 0 });
  });
});

describe('refusals: nothing is stored', () => {
  it('a person with no open tube', () => {
    d.expectRefused(() => d.scan(person(0)), 'no-open-tube');
    d.expectRefused(() => d.scan(person(0), OTHER_CLERK), 'no-open-tube');
  });

  it('a person at a desk whose neighbour has a tube open', () => {
    d.scan('2026112200001', OTHER_CLERK);
    d.expectRefused(() => d.scan(person(0)), 'no-open-tube');
  });

  it('an ID number with a wrong check character', () => {
    d.scan('2026112200001');
    d.expectRefused(() => d.scan('张三|110101199003071231|13800000000'), 'id-checkdigit');
    const good = IDS[7];
    d.expectRefused(() => d.scan(`王芳|${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}|13900000001`), 'id-checkdigit');
  });

  it('an ID number with an impossible birth date, or one after today', () => {
    d.scan('2026112200001');
    d.expectRefused(() => d.scan('张三|110101199002301236|13800000000'), 'id-birthdate');
    const feb30 = '11010119900230123';
    d.expectRefused(() => d.scan(`王芳|${feb30}${checkCharacter(feb30)}|13900000001`), 'id-birthdate');
    const tomorrow = '11010120261123002';
    d.expectRefused(() => d.scan(`王芳|${tomorrow}${checkCharacter(tomorrow)}|13900000001`), 'id-birthdate');
    // Born today (by the core's clock) is fine.
    const today = '11010120261122002';
    expect(d.scan(`王芳|${today}${checkCharacter(today)}|13900000001`)).toMatchObject({ result: 'person-added' });
  });

  it('an ID number of the wrong shape, a missing name, a bad phone number', () => {
    d.scan('2026112200001');
    d.expectRefused(() => d.scan('王芳|1101011990|13900000001'), 'id-format');
    d.expectRefused(() => d.scan(`  |${IDS[1]}|13900000001`), 'name-missing');
    d.expectRefused(() => d.scan(`王芳|${IDS[1]}|12345`), 'phone-invalid');
  });

  it('the same person twice in one tube, however the number is written', () => {
    d.scan('2026112200001');
    d.scan('赵敏|11010519491231002X|13900000001');
    d.expectRefused(() => d.scan('赵敏|11010519491231002X|13900000001'), 'person-already-in-tube');
    d.expectRefused(() => d.scan('赵敏|11010519491231002x|13900000001'), 'person-already-in-tube');
    d.expectRefused(() => d.scan('赵敏|110105491231002|13900000001'), 'person-already-in-tube');
    d.expectRefused(() => d.scan('赵 敏|11010519491231002X|13800000000'), 'person-already-in-tube');
  });

  it('a tube barcode already used says what is true of it: open at another desk, sealed, used another day', () => {
    d.scan('2026112200001', OTHER_CLERK);
    d.expectRefused(() => d.scan('2026112200001'), 'tube-open-elsewhere');
    expect(d.scan('2026112200001')).toEqual({ result: 'refused', problem: 'tube-open-elsewhere', desk: '2' });

    d.scan('2026112200002');
    d.scan(person(0));
    now = new Date(2026, 10, 22, 9, 33);
    d.seal();
    d.expectRefused(() => d.scan('2026112200002'), 'tube-sealed');
    const sealed = { result: 'refused', problem: 'tube-sealed', sealedAt: new Date(2026, 10, 22, 9, 33).toISOString(), count: 1 };
    expect(d.scan('2026112200002')).toEqual(sealed);
    expect(d.scan('2026112200002', OTHER_CLERK)).toEqual(sealed);

    // The next morning: the desk locked itself overnight, and a clerk signs in again.
    now = new Date(2026, 10, 23, 8, 0);
    signIn(core, [CLERK], '次日登记员');
    d.expectRefused(() => d.scan('2026112200002'), 'tube-used-before');
    expect(d.scan('2026112200002')).toEqual({ result: 'refused', problem: 'tube-used-before', day: '2026-11-22' });
  });

  it("the desk's own open tube scanned again: nothing changes, and the clerk is told to go on with it", () => {
    d.scan('2026112200003');
    d.scan(person(0));
    const before = d.tables();
    expect(d.scan('2026112200003')).toMatchObject({
      result: 'tube-still-open',
      tube: { barcode: '2026112200003', capacity: 10, people: [{ position: 1 }] },
    });
    expect(d.tables()).toEqual(before);
    expect(d.scan(person(1))).toMatchObject({ result: 'person-added', person: { position: 2 } });
  });

  it('a used tube barcode does not seal the tube open at this desk', () => {
    d.scan('2026112200001', OTHER_CLERK);
    d.scan('2026112200002');
    d.scan(person(0));
    d.expectRefused(() => d.scan('2026112200001'), 'tube-open-elsewhere');
    expect(deskState()).toMatchObject({ tube: { barcode: '2026112200002', people: [{ position: 1 }] } });
  });

  it('an unknown code, and a barcode that is not a tube of this site, with a tube open', () => {
    d.scan('2026112200001');
    d.scan(person(0));
    d.expectRefused(() => d.scan('WIFI:S:site;;'), 'code-unknown');
    d.expectRefused(() => d.scan('https://example.com/code?id=110101199003071233'), 'code-unknown');
    d.expectRefused(() => d.scan('1234567'), 'code-unknown');
    d.expectRefused(() => d.scan('110101199003071233'), 'code-unknown');
    d.expectRefused(() => d.scan('张三|110101199003071233'), 'code-unknown');
  });

  it('a scan too long or with control characters', () => {
    d.scan('2026112200001');
    d.expectRefused(() => d.scan(`${'张'.repeat(1400)}|${IDS[0]}|13800000000`), 'scan-too-long');
    d.expectRefused(() => d.scan(`张三|1101011990\u000703071233|13800000000`), 'scan-control-characters');
  });

  it('a tube pattern the manager changed applies to the next scan', () => {
    d.call(MANAGER, 'site.updateSettings', { tubePattern: '^T[0-9]{6}$' });
    d.expectRefused(() => d.scan('2026112200001'), 'code-unknown');
    expect(d.scan('T123456')).toMatchObject({ result: 'tube-opened', tube: { barcode: 'T123456' } });
  });
});
