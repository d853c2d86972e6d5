// The field guide's rules beyond the first loop: undo, re-tests on the same day, voids, bags and handover,
// and the facts (audit + outbox) each accepted step writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import type { CodeFormat } from '../../src-main/core/domain/codeFormats';
import { CLERK, driver, MANAGER, OTHER_CLERK } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dataDir: string;
let dispose: () => void;
let d: ReturnType<typeof driver>;
const NOW = new Date(2026, 10, 22, 9, 30);

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => NOW));
  d = driver(core, dataDir);
});
afterEach(() => dispose());

type Row = Record<string, unknown>;
const rows = (table: string) => d.tables()[table] as Row[];

/** Fills a tube with `people` people (from `first`) at a desk and seals it early unless full. */
function sealedTube(barcode: string, people: number, first = 0, who = CLERK): void {
  d.scan(barcode, who);
  for (let i = first; i < first + people; i++) d.scan(personCode(i), who);
  if (people < 10) d.seal(who);
}

describe('undo', () => {
  it('removes the last person of the open tube, keeps the row, and frees the position', () => {
    d.scan('2026112200001');
    d.scan(personCode(0));
    d.scan(personCode(1));
    expect(d.undo()).toMatchObject({ result: 'removed', person: { position: 2 }, tube: { count: 1 } });
    expect(rows('registrations').map((r) => r.status)).toEqual(['active', 'removed']);
    expect(d.scan(personCode(2))).toMatchObject({ result: 'person-added', person: { position: 2 } });
    // The removed person may be scanned again into the same tube.
    expect(d.scan(personCode(1))).toMatchObject({ result: 'person-added', person: { position: 3 } });
  });

  it('is refused with no open tube, after the tube sealed itself, or with an empty one, saying what F4 can do', () => {
    d.expectRefused(() => d.undo(), 'undo-no-tube');
    d.scan('2026112200001');
    d.expectRefused(() => d.undo(), 'undo-tube-empty');
    for (let i = 0; i < 10; i++) d.scan(personCode(i));
    expect(d.call(CLERK, 'clerk.deskState')).toMatchObject({ tube: null });
    d.expectRefused(() => d.undo(), 'undo-no-tube');
  });
});

describe('a person already sampled today', () => {
  beforeEach(() => sealedTube('2026112200001', 1));

  it('is a warning the clerk confirms, saying when and where; nothing is stored until then', () => {
    d.scan('2026112200002', OTHER_CLERK);
    const before = d.tables();
    expect(d.scan(personCode(0), OTHER_CLERK)).toMatchObject({
      result: 'confirm',
      warning: 'sampled-today',
      person: { position: 1 },
      earlier: { at: NOW.toISOString(), desk: '1' },
    });
    expect(d.tables()).toEqual(before);
    expect(d.confirm(personCode(0), OTHER_CLERK)).toMatchObject({ result: 'person-added', person: { position: 1 } });
    expect(rows('audit').at(-1)).toMatchObject({ kind: 'person.added', data: expect.stringContaining('"repeatConfirmed":true') });
  });

  it('is refused when the site says so', () => {
    d.call(MANAGER, 'site.updateSettings', { sameDayRepeat: 'refuse' });
    d.scan('2026112200002');
    d.expectRefused(() => d.confirm(personCode(0)), 'sampled-today');
    expect(d.scan(personCode(0))).toEqual({ result: 'refused', problem: 'sampled-today', earlier: { at: NOW.toISOString(), desk: '1' } });
  });
});

describe("a desk's own settings", () => {
  const settings = (who = CLERK) => d.call(who, 'clerk.deskSettings');

  it('mask names and read nothing out until the clerk there says otherwise; each desk keeps its own', () => {
    expect(settings()).toEqual({ readOut: 'off', names: 'masked' });
    d.scan('2026112200001');
    expect(d.scan(personCode(0))).toMatchObject({ person: { name: '张*', spokenName: '' } });

    expect(d.call(CLERK, 'clerk.saveDeskSettings', { readOut: 'surname', names: 'full' })).toEqual({ readOut: 'surname', names: 'full' });
    expect(settings()).toEqual({ readOut: 'surname', names: 'full' });
    expect(settings(OTHER_CLERK)).toEqual({ readOut: 'off', names: 'masked' });
    expect(d.scan(personCode(1))).toMatchObject({ person: { position: 2, name: '王芳', spokenName: '王' } });
    expect(d.call(CLERK, 'clerk.deskState')).toMatchObject({ tube: { people: [{ name: '张伟' }, { name: '王芳' }] } });

    d.call(CLERK, 'clerk.saveDeskSettings', { readOut: 'full', names: 'masked' });
    expect(d.scan(personCode(2))).toMatchObject({ person: { position: 3, name: '李*', spokenName: '李娜' } });
    d.call(CLERK, 'clerk.saveDeskSettings', { readOut: 'position', names: 'masked' });
    expect(d.scan(personCode(3))).toMatchObject({ person: { position: 4, spokenName: '' } });

    // The other desk is untouched, and the change is in the trail with who made it.
    d.scan('2026112200002', OTHER_CLERK);
    expect(d.scan(personCode(5), OTHER_CLERK)).toMatchObject({ person: { name: '杨*', spokenName: '' } });
    expect(rows('audit').filter((row) => row.kind === 'settings.changed')).toHaveLength(3);
  });

  it('refuse a setting that is not one of the choices, and change nothing', async () => {
    const before = d.tables();
    const answer = await core.receive(CLERK, 'clerk.saveDeskSettings', { readOut: 'loud', names: 'masked' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(d.tables()).toEqual(before);
  });
});

describe('classifying scans at the desk', () => {
  it('refuses a transport bag label with its own message', () => {
    d.scan('2026112200001');
    d.expectRefused(() => d.scan('B2026112201'), 'bag-label-at-desk');
  });
});

describe('voids', () => {
  it('voids a sealed tube with a reason; the barcode stays used and the trail keeps why', () => {
    sealedTube('2026112200001', 2);
    expect(d.call(MANAGER, 'site.voidTube', { barcode: '2026112200001', reason: 'tube dropped' })).toEqual({ result: 'voided' });
    expect(rows('audit').at(-1)).toMatchObject({ kind: 'tube.voided', actor: expect.stringMatching(/^manager:/), data: expect.stringContaining('tube dropped') });
    d.expectRefused(() => d.scan('2026112200001'), 'tube-sealed');
    d.expectRefused(() => d.call(MANAGER, 'site.voidTube', { barcode: '2026112200001', reason: 'again' }), 'already-voided');
    expect(d.call(MANAGER, 'site.totals')).toMatchObject({ sealedTubesToday: 0 });
  });

  it('refuses to void an open tube, an unknown one, or a person in an open tube', () => {
    d.scan('2026112200001');
    d.scan(personCode(0));
    d.expectRefused(() => d.call(MANAGER, 'site.voidTube', { barcode: '2026112200001', reason: 'x1' }), 'tube-open');
    d.expectRefused(() => d.call(MANAGER, 'site.voidTube', { barcode: '2026112299999', reason: 'x1' }), 'tube-unknown');
    const id = rows('registrations')[0].id as string;
    d.expectRefused(() => d.call(MANAGER, 'site.voidRegistration', { registrationId: id, reason: 'wrong person' }), 'tube-open');
  });

  it('voids a person in a sealed tube, keeping the row', () => {
    sealedTube('2026112200001', 2);
    const id = rows('registrations')[0].id as string;
    expect(d.call(MANAGER, 'site.voidRegistration', { registrationId: id, reason: 'wrong person' })).toEqual({ result: 'voided' });
    expect(rows('registrations').map((r) => r.status)).toEqual(['voided', 'active']);
    expect(d.call(MANAGER, 'site.totals')).toMatchObject({ peopleToday: 1 });
  });

  it('needs a reason', () => {
    sealedTube('2026112200001', 1);
    expect(core.call(MANAGER, 'site.voidTube', { barcode: '2026112200001', reason: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('bags and handover', () => {
  beforeEach(() => {
    d.call(MANAGER, 'site.updateSettings', { bagCapacity: 2 });
    sealedTube('2026112200001', 3, 0);
    sealedTube('2026112200002', 2, 3);
    sealedTube('2026112200003', 1, 5, OTHER_CLERK);
  });

  it('packs sealed tubes into a bag, seals it when full, and refuses what the guide refuses', () => {
    d.expectRefused(() => d.pack('2026112200001'), 'no-open-bag');
    expect(d.pack('B2026112201')).toMatchObject({ result: 'bag-opened', bag: { capacity: 2, tubes: [] } });
    d.expectRefused(() => d.pack('2026112299999'), 'tube-unknown');
    expect(d.pack('2026112200001')).toMatchObject({ result: 'tube-packed', sealed: false });
    d.expectRefused(() => d.pack('2026112200001'), 'tube-already-bagged');
    expect(d.pack('2026112200002')).toMatchObject({ result: 'tube-packed', sealed: true, bag: { tubes: ['2026112200001', '2026112200002'] } });
    d.expectRefused(() => d.pack('2026112200003'), 'no-open-bag');
    d.expectRefused(() => d.pack('B2026112201'), 'bag-already-used');

    d.scan('2026112200004');
    d.pack('B2026112202');
    d.expectRefused(() => d.pack('2026112200004'), 'tube-not-sealed');
    d.expectRefused(() => d.pack('张三|110101199003071233|13800000000'), 'not-a-bag-or-tube');
  });

  it('refuses a voided tube and lists sealed tubes in no bag', () => {
    d.call(MANAGER, 'site.voidTube', { barcode: '2026112200003', reason: 'leaked' });
    d.pack('B2026112201');
    d.expectRefused(() => d.pack('2026112200003'), 'tube-voided');
    d.pack('2026112200001');
    expect(d.call(MANAGER, 'site.unbaggedTubes')).toEqual([
      expect.objectContaining({ barcode: '2026112200002', desk: '1', people: 2 }),
    ]);
  });

  it('hands sealed bags over with a numbered manifest and its totals; only sealed bags, once', () => {
    d.pack('B2026112201');
    d.pack('2026112200001');
    const courier = { name: '李师傅', phone: '13900001111', vehicle: '京A12345' };
    d.expectRefused(() => d.call(MANAGER, 'site.handover', { bags: ['B2026112201'], courier, temperature: 4 }), 'bag-not-sealed');
    d.pack('2026112200002');
    d.expectRefused(() => d.call(MANAGER, 'site.handover', { bags: ['B2026119999'], courier, temperature: 4 }), 'bag-unknown');
    expect(d.call(MANAGER, 'site.handover', { bags: ['B2026112201'], courier, temperature: 4.5 })).toEqual({
      result: 'handed-over',
      number: '20261122-001',
      bags: 1,
      tubes: 2,
      people: 5,
    });
    d.expectRefused(
      () => d.call(MANAGER, 'site.handover', { bags: ['B2026112201'], courier, temperature: null }),
      'bag-already-handed-over',
    );
    expect(core.call(MANAGER, 'site.handover', { bags: ['B2026112201'], courier: { ...courier, phone: '123' }, temperature: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('facts', () => {
  it('writes an audit row for every accepted step and an outbox row for every fact the platform needs', () => {
    d.scan('2026112200001');
    d.scan(personCode(0));
    d.undo();
    d.scan(personCode(1));
    d.seal();
    d.call(MANAGER, 'site.updateSettings', { poolingRatio: 5 });
    // The first manager and a clerk were added and signed in (the clerk at desks 1 and 2) before: local facts, in
    // the trail only.
    const kinds = rows('audit').map((r) => r.kind);
    expect(kinds.slice(0, 5)).toEqual(['operator.added', 'session.signedIn', 'operator.added', 'session.signedIn', 'session.signedIn']);
    expect(kinds.slice(5)).toEqual(['tube.opened', 'person.added', 'person.removed', 'person.added', 'tube.sealed', 'settings.changed']);
    expect(rows('outbox').map((r) => r.kind)).toEqual(kinds.slice(5, 10));
    const settings = rows('audit').at(-1)!;
    expect(JSON.parse(settings.data as string)).toEqual({ changes: { poolingRatio: 5 }, old: { poolingRatio: 10 } });
    // The platform gets the person in full (masking is for screens and logs); the trail keeps only ids.
    const added = JSON.parse(rows('outbox')[1].payload as string);
    expect(added).toMatchObject({ kind: 'person.added', position: 1, tubeBarcode: '2026112200001', name: '张伟' });
    expect(rows('audit')[6].data).not.toContain('张伟');
  });
});

describe('manual entry', () => {
  const person = { docType: 'passport' as const, idNumber: 'e12345678', name: ' John  Smith ', phone: '+85291234567' };

  it('registers a person by typed details with the same rules as a scan', () => {
    d.expectRefused(() => d.call(CLERK, 'clerk.enterPerson', person), 'no-open-tube');
    d.scan('2026112200001');
    expect(d.call(CLERK, 'clerk.enterPerson', person)).toMatchObject({
      result: 'person-added',
      person: { position: 1, name: 'J********h', idNumber: 'E1***5678' },
    });
    expect(rows('registrations')[0]).toMatchObject({ doc_type: 'passport', doc_number: 'E12345678', name: 'John Smith' });
    d.expectRefused(() => d.call(CLERK, 'clerk.enterPerson', person), 'person-already-in-tube');
    d.expectRefused(() => d.call(CLERK, 'clerk.enterPerson', { ...person, idNumber: 'E1' }), 'id-format');
    d.expectRefused(() => d.call(CLERK, 'clerk.enterPerson', { ...person, idNumber: '110101199003071233', docType: 'hmt-permit' }), 'id-region');
  });

  it('refuses a document type outside the list at the boundary', async () => {
    d.scan('2026112200001');
    expect(await core.receive(CLERK, 'clerk.enterPerson', { ...person, docType: 'library-card' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('personal-code formats from the settings', () => {
  it('registers people from the formats the manager configured, a token as it is, and a sticker always', () => {
    const formats: CodeFormat[] = [
      { kind: 'json', name: 'JSON', fields: { name: 'xm', idNumber: 'sfz' } },
      { kind: 'opaque', name: 'token', pattern: 'HSM[A-Z0-9]{10}' },
    ];
    d.call(MANAGER, 'site.updateSettings', { codeFormats: formats });
    d.scan('2026112200001');
    expect(d.scan(JSON.stringify({ xm: '周九', sfz: '110101199003071233', tel: '' }))).toMatchObject({ result: 'refused', problem: 'phone-invalid' });
    expect(d.scan('HSMABCDE12345')).toMatchObject({ result: 'person-added', person: { position: 1 } });
    d.expectRefused(() => d.scan(personCode(0)), 'code-unknown');
    expect(rows('registrations')[0]).toMatchObject({ doc_type: 'code-token', doc_number: 'HSMABCDE12345' });
    expect(d.call(MANAGER, 'site.testCodeFormats', { text: 'HSMABCDE12345' })).toMatchObject({ result: { kind: 'token' } });
  });

  it('refuses a format that does not compile, and changes nothing', () => {
    const before = d.tables();
    expect(core.call(MANAGER, 'site.updateSettings', { codeFormats: [{ kind: 'regex', name: 'x', pattern: '(' }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(d.tables()).toEqual(before);
  });
});
