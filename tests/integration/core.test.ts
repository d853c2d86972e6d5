// The core through its one entry point: the tube loop's rules, each refusal leaving the database unchanged,
// the boundary's refusals of malformed calls, and who receives which pushed event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity, PushedEvent } from '../../src-main/core/contract';
import type { Core } from '../../src-main/core/core';
import { checkCharacter } from '../../src-main/core/domain/residentId';
import { idNumber, personCode } from '../fixtures/people';
import { CLERK, driver, MANAGER, OTHER_CLERK, value } from '../fixtures/driver';
import { readSnapshot, tempCore } from '../fixtures/tempCore';

let core: Core;
let dataDir: string;
let dispose: () => void;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
});
afterEach(() => dispose());

const d = () => driver(core, dataDir);
const scan = (text: string, who = CLERK) => d().scan(text, who);
const seal = (who = CLERK) => d().seal(who);
const totals = () => value(core.call(MANAGER, 'site.totals', {}));
const tubes = () => readSnapshot(dataDir).tubes as { barcode: string; status: string; seal_reason: string | null; capacity: number }[];
const expectRefused = (act: () => unknown, problem: string) => d().expectRefused(act, problem);

describe('the tube loop', () => {
  it('fills a tube of 10 and seals it by itself at the 10th person', () => {
    expect(scan('2026112200001')).toMatchObject({ result: 'tube-opened', tube: { capacity: 10, people: [] } });
    for (let i = 0; i < 9; i++) expect(scan(personCode(i))).toMatchObject({ sealed: false, person: { position: i + 1 } });
    expect(scan(personCode(9))).toMatchObject({ result: 'person-added', sealed: true, tube: { count: 10, capacity: 10 } });
    expect(tubes()).toEqual([expect.objectContaining({ status: 'sealed', seal_reason: 'full' })]);
    expect(value(core.call(CLERK, 'clerk.deskState', {}))).toEqual({ desk: '1', tube: null });
    expect(totals()).toEqual({ day: '2026-11-22', peopleToday: 10, openTubes: 0, sealedTubesToday: 1 });
  });

  it('shows people masked to the desk', () => {
    scan('2026112200001');
    const added = scan(personCode(0)) as { person: { name: string; idNumber: string } };
    expect(added.person.idNumber).toBe(`${idNumber(0).slice(0, 6)}********${idNumber(0).slice(-4)}`);
    expect(added.person.name).toBe('张*');
  });

  it('seals early with people in the tube, and refuses to seal an empty one', () => {
    scan('2026112200001');
    expectRefused(() => seal(), 'tube-empty');
    scan(personCode(0));
    expect(seal()).toEqual({ result: 'sealed', tube: { barcode: '2026112200001', count: 1, capacity: 10 } });
    expect(tubes()).toEqual([expect.objectContaining({ status: 'sealed', seal_reason: 'early' })]);
    expectRefused(() => seal(), 'no-open-tube');
  });

  it('seals the open tube (not full) when a new tube is scanned, and says so', () => {
    scan('2026112200001');
    scan(personCode(0));
    expect(scan('2026112200002')).toMatchObject({
      result: 'tube-opened',
      sealedBefore: { barcode: '2026112200001', count: 1, capacity: 10 },
    });
    expect(tubes().map((t) => [t.barcode, t.status, t.seal_reason])).toEqual([
      ['2026112200001', 'sealed', 'replaced'],
      ['2026112200002', 'open', null],
    ]);
  });

  it('replaces an empty open tube; its barcode stays free to use', () => {
    scan('2026112200001');
    expect(scan('2026112200002')).toMatchObject({ result: 'tube-opened', sealedBefore: null });
    expect(scan('2026112200001')).toMatchObject({ result: 'tube-opened' });
    expect(tubes().map((t) => t.status)).toEqual(['discarded', 'discarded', 'open']);
  });

  it('opens new tubes with the pooling ratio the manager set', () => {
    expect(value(core.call(MANAGER, 'site.updateSettings', { poolingRatio: 5 }))).toMatchObject({ poolingRatio: 5 });
    scan('2026112200001');
    for (let i = 0; i < 4; i++) scan(personCode(i));
    expect(scan(personCode(4))).toMatchObject({ sealed: true, tube: { count: 5, capacity: 5 } });
  });
});

describe('refusals change nothing', () => {
  it('a person with no open tube', () => {
    expectRefused(() => scan(personCode(0)), 'no-open-tube');
  });

  it('an ID number with a wrong check character, or an impossible birth date', () => {
    scan('2026112200001');
    const good = idNumber(1);
    expectRefused(() => scan(`王芳|${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}|13900000001`), 'id-checkdigit');
    const feb30 = '11010119900230123';
    expectRefused(() => scan(`王芳|${feb30}${checkCharacter(feb30)}|13900000001`), 'id-birthdate');
    expectRefused(() => scan('王芳|1101011990|13900000001'), 'id-format');
  });

  it('the same person twice in one tube, even with a lowercase x', () => {
    scan('2026112200001');
    scan('赵敏|11010519491231002X|13900000001');
    expectRefused(() => scan('赵敏|11010519491231002x|13900000001'), 'person-already-in-tube');
  });

  it('a tube barcode already used: open at another desk, or sealed', () => {
    scan('2026112200001', OTHER_CLERK);
    expectRefused(() => scan('2026112200001'), 'tube-already-used');
    scan('2026112200002');
    scan(personCode(0));
    seal();
    expectRefused(() => scan('2026112200002'), 'tube-already-used');
  });

  it('an unknown code, a bad phone number, a missing name', () => {
    scan('2026112200001');
    expectRefused(() => scan('WIFI:S:site;;'), 'code-unknown');
    expectRefused(() => scan(`王芳|${idNumber(1)}|12345`), 'phone-invalid');
    expectRefused(() => scan(`  |${idNumber(1)}|13900000001`), 'name-missing');
  });
});

describe('the boundary', () => {
  function expectCallRefused(who: Identity, channel: unknown, input: unknown, code: string): void {
    const before = readSnapshot(dataDir);
    const result = core.call(who, channel, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect((result as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    expect(readSnapshot(dataDir)).toEqual(before);
  }

  it('refuses unknown channels, including inherited property names', () => {
    expectCallRefused(CLERK, 'clerk.delete', {}, 'unknown-channel');
    expectCallRefused(CLERK, 'toString', {}, 'unknown-channel');
    expectCallRefused(CLERK, 42, {}, 'unknown-channel');
  });

  it('refuses a role that may not call a channel', () => {
    expectCallRefused(CLERK, 'site.updateSettings', { poolingRatio: 5 }, 'forbidden');
    expectCallRefused(MANAGER, 'clerk.scan', { text: '2026112200001' }, 'forbidden');
  });

  it('refuses malformed input', () => {
    expectCallRefused(CLERK, 'clerk.scan', {}, 'invalid-input');
    expectCallRefused(CLERK, 'clerk.scan', { text: 2026112200001 }, 'invalid-input');
    expectCallRefused(CLERK, 'clerk.scan', { text: '2026112200001', desk: '2' }, 'invalid-input');
    expectCallRefused(CLERK, 'clerk.scan', { text: '1'.repeat(5000) }, 'invalid-input');
    expectCallRefused(MANAGER, 'site.updateSettings', { poolingRatio: 0 }, 'invalid-input');
    expectCallRefused(MANAGER, 'site.updateSettings', { poolingRatio: 2.5 }, 'invalid-input');
  });
});

describe('pushed events', () => {
  it("reach the clerk of the desk that changed and the managers, nobody else", () => {
    const received = new Map<string, PushedEvent[]>();
    for (const [name, who] of Object.entries({ clerk1: CLERK, clerk2: OTHER_CLERK, manager: MANAGER })) {
      received.set(name, []);
      core.subscribe(who, (event) => received.get(name)!.push(event));
    }
    scan('2026112200001');
    expect(received.get('clerk1')!.map((e) => e.event)).toEqual(['desk.changed']);
    expect(received.get('clerk1')![0].payload).toMatchObject({ desk: '1', tube: { barcode: '2026112200001' } });
    expect(received.get('clerk2')).toEqual([]);
    expect(received.get('manager')!.map((e) => e.event)).toEqual(['totals.changed']);
    expect(received.get('manager')![0].payload).toMatchObject({ openTubes: 1 });

    scan(personCode(0), CLERK);
    scan(personCode(0), CLERK); // refused: pushes nothing
    expect(received.get('clerk1')).toHaveLength(2);
    expect(received.get('manager')).toHaveLength(2);
  });
});
