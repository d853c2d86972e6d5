// The pre-registration window through the core: a sticker for checked details, and an ID card on its own reader
// read into its form, never registered, and only while somebody is signed in there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity, PushedEvent } from '../../src-main/core/contract';
import type { Core } from '../../src-main/core/core';
import { parsePersonCode } from '../../src-main/core/domain/codeFormats';
import { VECTOR_RESIDENT_CARD } from '../fixtures/cards';
import { CLERK_PIN, outcome, signIn, value } from '../fixtures/driver';
import { readSnapshot, tempCore } from '../fixtures/tempCore';

const GUIDE: Identity = { role: 'guide' };
const DEVICE: Identity = { role: 'device' };

let core: Core;
let dataDir: string;
let dispose: () => void;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
});
afterEach(() => dispose());

const cardAtGuide = (card = VECTOR_RESIDENT_CARD) =>
  core.call(DEVICE, 'device.input', { desk: 'guide', device: 'serial:reader', label: 'ID-card reader', reading: { kind: 'card', card } });

describe('the pre-registration window', () => {
  it('reads a card on its reader into its form, stores nothing, and refuses while nobody is signed in', () => {
    const before = readSnapshot(dataDir);
    expect(cardAtGuide()).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    expect(readSnapshot(dataDir)).toEqual(before);

    // Guides sign in with a clerk account.
    const clerk = signIn(core, []);
    expect(value(core.call(GUIDE, 'session.signIn', { operatorId: clerk, pin: CLERK_PIN }))).toMatchObject({ result: 'signed-in' });
    const pushed: PushedEvent[] = [];
    core.subscribe(GUIDE, (event) => pushed.push(event));
    const rows = readSnapshot(dataDir).registrations;
    expect(value(cardAtGuide())).toEqual({ result: 'read-for-guide' });
    expect(pushed).toEqual([
      { event: 'guide.card', payload: { docType: 'resident-id', idNumber: '110101199003071233', name: '测试样例', expired: false } },
    ]);
    expect(readSnapshot(dataDir).registrations).toEqual(rows);

    // A card whose number fails its check is said, not read.
    pushed.length = 0;
    cardAtGuide({ ...VECTOR_RESIDENT_CARD, idNumber: '110101199003071234' });
    expect(pushed).toEqual([{ event: 'guide.card', payload: { problem: 'id-checkdigit' } }]);
    // A scanner there reads nothing.
    const scan = core.call(DEVICE, 'device.input', { desk: 'guide', device: 'hid:x', label: 'scanner', reading: { kind: 'scan', text: 'x', symbology: null } });
    expect(value(scan)).toEqual({ result: 'ignored' });
  });

  it('makes a sticker only for checked details, masked on the sticker, full in its code', () => {
    const clerk = signIn(core, []);
    value(core.call(GUIDE, 'session.signIn', { operatorId: clerk, pin: CLERK_PIN }));
    const person = { docType: 'resident-id' as const, idNumber: '110101199003071233', name: '钱老伯', phone: '13812345678' };
    expect(value(core.call(GUIDE, 'guide.sticker', { ...person, phone: '123' }))).toEqual({ result: 'refused', problem: 'phone-invalid' });
    const made = outcome(value(core.call(GUIDE, 'guide.sticker', person)), 'sticker');
    expect(made.person).toEqual({ name: '钱*伯', idNumber: '110101********1233' });
    expect(parsePersonCode(made.code, [])).toMatchObject({ fields: { idNumber: person.idNumber, name: '钱老伯', phone: person.phone } });
    expect(core.call({ role: 'clerk', desk: '1' }, 'guide.sticker', person)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
