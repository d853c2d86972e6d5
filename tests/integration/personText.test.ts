// A person's text through every path that takes it (scan, ID card, manual entry, correction, sticker, operators,
// courier, the reason for a correction or a void): a control, direction or zero-width character is refused with which one and where, and nothing is
// stored; what old rows already hold is neutralised in every exported file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity, PushedEvent } from '../../src-main/core/contract';
import { DATABASE_FILE, type Core } from '../../src-main/core/core';
import { VECTOR_RESIDENT_CARD } from '../fixtures/cards';
import { CLERK, CLERK_PIN, driver, MANAGER, outcome, present, value } from '../fixtures/driver';
import { idNumber, personCode } from '../fixtures/people';
import { readSnapshot, tempCore, tempDir } from '../fixtures/tempCore';

const GUIDE: Identity = { role: 'guide' };
const DEVICE: Identity = { role: 'device' };
const TUBE = '2026112200001';

let core: Core;
let dataDir: string;
let dispose: () => void;
let d: ReturnType<typeof driver>;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
  d = driver(core, dataDir);
});
afterEach(() => dispose());

/** The refusal of a hidden character, as every path answers it. */
const hidden = (codePoint: string, position: number, field = 'name') => ({
  result: 'refused',
  problem: 'invisible-character',
  character: { field, codePoint, position },
});

/** Runs `act` and expects exactly `refusal`, with every table as it was before. */
function expectRefusedUnchanged(act: () => unknown, refusal: object): void {
  const before = readSnapshot(dataDir);
  expect(act()).toEqual(refusal);
  expect(readSnapshot(dataDir)).toEqual(before);
}

const enter = (name: string) =>
  d.call(CLERK, 'clerk.enterPerson', { docType: 'resident-id', idNumber: idNumber(0), name, phone: '13900000001' });

describe('manual entry', () => {
  it("refuses the outside tester's four names, saying which character and where, and stores nothing", () => {
    d.scan(TUBE);
    expectRefusedUnchanged(() => enter('张\u0007三'), hidden('U+0007', 2));
    expectRefusedUnchanged(() => enter('\u001b[31m张三'), hidden('U+001B', 1));
    expectRefusedUnchanged(() => enter('\u200b'), hidden('U+200B', 1));
    expectRefusedUnchanged(() => enter('张三\u202e'), hidden('U+202E', 3));
  });

  it('counts the position in characters as typed, a rare character outside the BMP as one', () => {
    d.scan(TUBE);
    expectRefusedUnchanged(() => enter(' 𠀀\u2066'), hidden('U+2066', 3));
  });

  it('still refuses a name that is blank once cleaned', () => {
    d.scan(TUBE);
    expectRefusedUnchanged(() => enter(' \u3000 '), { result: 'refused', problem: 'name-missing' });
  });

  it('stores the middle dot of a name in one form, whichever dot was typed', () => {
    d.scan(TUBE);
    expect(enter('  阿依古丽・买买提 ')).toMatchObject({ result: 'person-added' });
    expect(readSnapshot(dataDir).registrations).toEqual([expect.objectContaining({ name: '阿依古丽·买买提' })]);
  });
});

describe('a scanned code', () => {
  it('is refused with a right-to-left override inside the name, and nothing is stored', () => {
    d.scan(TUBE);
    expectRefusedUnchanged(() => d.scan(`张\u202e伟|${idNumber(0)}|13900000001`), hidden('U+202E', 2));
  });

  it('is refused with a zero-width character in a number of an "other" document', () => {
    d.call(MANAGER, 'site.updateSettings', {
      codeFormats: [{ kind: 'delimited', name: 'doc', template: '{docType}|{idNumber}|{name}|{phone}' }],
    });
    d.scan(TUBE);
    expectRefusedUnchanged(() => d.scan('other|AB\ufeff12|张伟|13900000001'), hidden('U+FEFF', 3, 'idNumber'));
  });
});

describe('an ID card', () => {
  const cardAt = (desk: string, name: string) =>
    value(
      core.call(DEVICE, 'device.input', {
        desk,
        device: 'serial:reader',
        label: 'ID-card reader',
        reading: { kind: 'card', card: { ...VECTOR_RESIDENT_CARD, name } },
      }),
    );

  it('at a desk is refused with a control character in its name, and nothing is stored', () => {
    d.scan(TUBE);
    expectRefusedUnchanged(() => cardAt('1', '测试\u0085样例'), hidden('U+0085', 3));
    expectRefusedUnchanged(() => cardAt('1', '\u202d测试样例'), hidden('U+202D', 1));
  });

  it('at the pre-registration window is said, not read into the form', () => {
    const clerk = outcome(value(core.call(MANAGER, 'site.saveOperator', { name: '引导员', role: 'clerk', pin: CLERK_PIN })), 'saved');
    value(core.call(GUIDE, 'session.signIn', { operatorId: clerk.operator.id, pin: CLERK_PIN }));
    const pushed: PushedEvent[] = [];
    core.subscribe(GUIDE, (event) => pushed.push(event));
    expect(cardAt('guide', '测试\u200f样例')).toEqual({ result: 'read-for-guide' });
    expect(pushed).toEqual([
      { event: 'guide.card', payload: { problem: 'invisible-character', character: { field: 'name', codePoint: 'U+200F', position: 3 } } },
    ]);
  });
});

describe('a sticker at the pre-registration window', () => {
  it('is not made for a name with a direction mark', () => {
    const clerk = outcome(value(core.call(MANAGER, 'site.saveOperator', { name: '引导员', role: 'clerk', pin: CLERK_PIN })), 'saved');
    value(core.call(GUIDE, 'session.signIn', { operatorId: clerk.operator.id, pin: CLERK_PIN }));
    const sticker = { docType: 'resident-id' as const, idNumber: idNumber(0), name: '\u061c钱老伯', phone: '13812345678' };
    expectRefusedUnchanged(() => value(core.call(GUIDE, 'guide.sticker', sticker)), hidden('U+061C', 1));
  });
});

describe('a correction', () => {
  it('is refused for a name with a right-to-left override, and the record stays as it was', () => {
    d.scan(TUBE);
    d.scan(personCode(0));
    const [registration] = readSnapshot(dataDir).registrations as { id: string }[];
    const correct = (name: string) =>
      d.call(MANAGER, 'site.correctPerson', { registrationId: registration.id, reason: 'misspelt at the desk', name });
    expectRefusedUnchanged(() => correct('张\u202e伟伟'), hidden('U+202E', 2));
    expect(correct('张•伟伟')).toEqual({ result: 'corrected', fields: ['name'] });
    expect(readSnapshot(dataDir).registrations).toEqual([expect.objectContaining({ name: '张·伟伟' })]);
  });
});

describe('the reason for a correction or a void', () => {
  beforeEach(() => {
    d.scan(TUBE);
    d.scan(personCode(0));
    value(core.call(CLERK, 'clerk.sealNow', {}));
  });
  const registrationId = () => (readSnapshot(dataDir).registrations as { id: string }[])[0].id;

  it('is refused with a hidden character, and nothing is corrected or voided', () => {
    expectRefusedUnchanged(
      () => d.call(MANAGER, 'site.correctPerson', { registrationId: registrationId(), reason: '写错\u202e了', name: '李四' }),
      hidden('U+202E', 3, 'reason'),
    );
    expectRefusedUnchanged(() => d.call(MANAGER, 'site.voidTube', { barcode: TUBE, reason: '\u001b[31m破损' }), hidden('U+001B', 1, 'reason'));
    expectRefusedUnchanged(
      () => d.call(MANAGER, 'site.voidRegistration', { registrationId: registrationId(), reason: '重复\u200b登记' }),
      hidden('U+200B', 3, 'reason'),
    );
  });

  it('is kept in the trail cleaned: spaces folded', () => {
    expect(d.call(MANAGER, 'site.voidTube', { barcode: TUBE, reason: '  试管   破损 ' })).toEqual({ result: 'voided' });
    const facts = readSnapshot(dataDir).audit as { kind: string; data: string }[];
    expect(JSON.parse(facts.find((fact) => fact.kind === 'tube.voided')!.data)).toMatchObject({ reason: '试管 破损' });
  });
});

describe("an operator's name", () => {
  it('is refused with a hidden character, in the settings and from the command line alike', () => {
    expectRefusedUnchanged(() => d.call(MANAGER, 'site.saveOperator', { name: '王\u202e芳', role: 'clerk', pin: '2468' }), hidden('U+202E', 2));
    expect(core.admin.saveOperator({ name: '王芳\u2060', role: 'clerk', pin: '2468' }, 'cli')).toEqual(hidden('U+2060', 3));
  });

  it('is refused for the first manager of a new site', () => {
    const fresh = tempCore();
    try {
      const first = (name: string) => value(fresh.core.call(MANAGER, 'session.firstManager', { name, pin: '9753' }));
      const before = readSnapshot(fresh.dataDir);
      expect(first('\u200d李强')).toEqual(hidden('U+200D', 1));
      expect(readSnapshot(fresh.dataDir)).toEqual(before);
    } finally {
      fresh.dispose();
    }
  });
});

describe('the courier at a handover', () => {
  const courier = { name: '李师傅', phone: '13900001111', vehicle: '京A12345' };
  const handOver = (changes: Partial<typeof courier>) =>
    d.call(MANAGER, 'site.handover', { bags: ['B2026112201'], courier: { ...courier, ...changes }, temperature: null });

  beforeEach(() => {
    d.scan(TUBE);
    d.scan(personCode(0));
    d.seal();
    d.pack('B2026112201');
    d.pack(TUBE);
    d.call(MANAGER, 'packing.sealNow');
  });

  it('is refused with a hidden character in the name or the vehicle, and nothing is handed over', () => {
    expectRefusedUnchanged(() => handOver({ name: '李\u202e师傅' }), hidden('U+202E', 2));
    expectRefusedUnchanged(() => handOver({ vehicle: '京A\u001b12345' }), hidden('U+001B', 3, 'vehicle'));
  });

  it('is stored cleaned: spaces folded, one middle dot', () => {
    expect(handOver({ name: ' 买买提 ・ 艾力 ', vehicle: '京A  12345' })).toMatchObject({ result: 'handed-over' });
    expect(readSnapshot(dataDir).handovers).toEqual([expect.objectContaining({ courier_name: '买买提 · 艾力', vehicle: '京A 12345' })]);
  });
});

describe('exports of rows stored before this check', () => {
  // Every hidden character but the CSV's own line ends (CR LF) and the byte-order mark it starts with.
  // eslint-disable-next-line no-control-regex
  const HIDDEN_IN_FILE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069]|(?<!^)\ufeff/u;
  let out: string;
  beforeEach(() => {
    out = tempDir('swabdesk-out-');
    d.scan(TUBE);
    d.scan(personCode(0));
    d.seal();
    // As an older version stored them: written straight into the database, past every check.
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.prepare(
      `INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, status, created_at, day)
       SELECT '00000000-0000-4000-8000-000000000001', tube_id, 2, 'other', 'AB\u202e12', '\u202e王\u0007芳', '13900000002', 'active',
              created_at, day FROM registrations`,
    ).run();
    db.close();
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  it('show each control, direction or zero-width character as U+FFFD in the full CSV', async () => {
    const file = path.join(out, 'day.csv');
    expect(await core.admin.exportDay({ format: 'csv', day: '2026-11-22', out: file, full: true, actor: 'test' })).toBe(2);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toMatch(HIDDEN_IN_FILE);
    expect(text).toContain('"\ufffd王\ufffd芳"');
    expect(text).toContain('"AB\ufffd12"');
  });

  it('and in the XLSX', async () => {
    const file = path.join(out, 'day.xlsx');
    await core.admin.exportDay({ format: 'xlsx', day: '2026-11-22', out: file, full: true, actor: 'test' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const row = workbook.worksheets[0].getRow(3);
    expect([row.getCell(5).value, row.getCell(6).value]).toEqual(['AB\ufffd12', '\ufffd王\ufffd芳']);
  });

  it('and in the handover manifest, CSV and XLSX', async () => {
    d.pack('B2026112201');
    d.pack(TUBE);
    d.call(MANAGER, 'packing.sealNow');
    d.call(MANAGER, 'site.handover', { bags: ['B2026112201'], courier: { name: '李师傅', phone: '13900001111', vehicle: '京A12345' }, temperature: null });
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.prepare("UPDATE handovers SET courier_name = '李\u202e师傅', vehicle = '\u200b京A12345'").run();
    db.close();
    const manifestFile = async (format: 'csv' | 'xlsx') =>
      Buffer.from(present(value(await core.callAsync(MANAGER, 'site.manifestFile', { number: '20261122-001', format }))).base64, 'base64');
    const csv = (await manifestFile('csv')).toString('utf8');
    expect(csv).not.toMatch(HIDDEN_IN_FILE);
    expect(csv).toContain('"李\ufffd师傅"');
    expect(csv).toContain('"\ufffd京A12345"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await manifestFile('xlsx')) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0].getRow(2);
    expect([row.getCell(3).value, row.getCell(5).value]).toEqual(['李\ufffd师傅', '\ufffd京A12345']);
  });
});
