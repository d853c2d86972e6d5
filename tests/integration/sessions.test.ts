// Operators and their sessions: a desk does nothing until a clerk signs in with a PIN, locks itself when idle
// (keeping the open tube as it is), and refuses a stream of wrong PINs for a while.
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, Identity, PushedEvent } from '../../src-main/core/contract';
import { DATABASE_FILE, type Core, type InputArgument } from '../../src-main/core/core';
import { MAX_PIN_FAILURES, PIN_BLOCK_MS } from '../../src-main/core/operators/sessions';
import { CLERK, MANAGER, OTHER_CLERK, outcome, signInManager, value } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { readSnapshot, tempCore } from '../fixtures/tempCore';

let now: number;
let core: Core;
let dataDir: string;
let dispose: () => void;

beforeEach(() => {
  now = new Date(2026, 10, 22, 9, 30).getTime();
  ({ core, dataDir, dispose } = tempCore(() => new Date(now)));
  signInManager(core);
});
afterEach(() => dispose());

const minutes = (n: number) => (now += n * 60_000);
const call = <C extends ChannelName>(who: Identity, channel: C, ...input: InputArgument<C>) => core.call(who, channel, ...input);

function addClerk(name: string, pin: string, role: 'clerk' | 'manager' = 'clerk'): string {
  return outcome(value(call(MANAGER, 'site.saveOperator', { name, role, pin })), 'saved').operator.id;
}

const signIn = (operatorId: string, pin: string, who: Identity = CLERK) => value(call(who, 'session.signIn', { operatorId, pin }));

describe('before anybody signs in', () => {
  it('refuses every clerk action with "signed-out" and stores nothing, but shows the desk and who may sign in', () => {
    const wang = addClerk('王芳', '2468');
    addClerk('李强', '1357');
    addClerk('赵经理', '9999', 'manager');
    const before = readSnapshot(dataDir);
    for (const [channel, input] of [
      ['clerk.scan', { text: '2026112200001' }],
      ['clerk.enterPerson', { docType: 'passport', idNumber: 'E12345678', name: 'A', phone: '13800000000' }],
      ['clerk.sealNow', {}],
      ['clerk.undo', {}],
      ['clerk.confirmReading', {}],
    ] as const) {
      expect(call(CLERK, channel, input), channel).toEqual({ ok: false, error: { code: 'signed-out', message: expect.stringMatching(/sign in/) } });
    }
    expect(readSnapshot(dataDir)).toEqual(before);
    expect(value(call(CLERK, 'clerk.deskState'))).toEqual({ desk: '1', tube: null });
    // Clerks only, by name: the manager does not sign in at a desk.
    expect(value(call(CLERK, 'session.state'))).toEqual({
      operator: null,
      locked: false,
      locksInSeconds: null,
      operators: [expect.objectContaining({ name: '李强' }), { id: wang, name: '王芳', role: 'clerk', staffTail: null }],
    });
  });

  it('keeps the device hub from registering at a desk nobody signed in at, and tells that desk', () => {
    const pushed: PushedEvent[] = [];
    core.subscribe(CLERK, (event) => pushed.push(event));
    const before = readSnapshot(dataDir);
    const reading = { kind: 'scan' as const, text: '2026112200001', symbology: null };
    const result = call({ role: 'device' }, 'device.input', { desk: '1', device: 'hid:1', label: 'Honeywell', reading });
    expect(result).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    expect(readSnapshot(dataDir)).toEqual(before);
    expect(pushed).toEqual([
      { event: 'session.changed', payload: expect.objectContaining({ operator: null }) },
      { event: 'desk.reading', payload: { device: 'Honeywell', kind: 'scan', outcome: null, error: { code: 'signed-out', message: expect.any(String) } } },
    ]);
  });
});

describe('signing in', () => {
  it('signs in with the right PIN only; the registrations and the trail name the operator', () => {
    const wang = addClerk('王芳', '2468');
    expect(signIn(wang, '1111')).toEqual({ result: 'refused', problem: 'pin-wrong', attemptsLeft: MAX_PIN_FAILURES - 1 });
    expect(signIn(wang, '2468')).toEqual({ result: 'signed-in', operator: { id: wang, name: '王芳' } });
    value(call(CLERK, 'clerk.scan', { text: '2026112200001' }));
    value(call(CLERK, 'clerk.scan', { text: personCode(0) }));

    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT operator_id FROM tubes').pluck().all()).toEqual([wang]);
    expect(db.prepare('SELECT operator_id FROM registrations').pluck().all()).toEqual([wang]);
    const trail = db.prepare('SELECT kind, actor FROM audit ORDER BY seq').all();
    db.close();
    // After the first manager's own two rows.
    expect(trail.slice(2)).toEqual([
      { kind: 'operator.added', actor: expect.stringMatching(/^manager:[0-9a-f-]{36}$/) },
      { kind: 'session.signedIn', actor: `clerk@1:${wang}` },
      { kind: 'tube.opened', actor: `clerk@1:${wang}` },
      { kind: 'person.added', actor: `clerk@1:${wang}` },
    ]);
  });

  it(`refuses every PIN for ${PIN_BLOCK_MS / 1000} s after ${MAX_PIN_FAILURES} wrong ones, then takes the right one`, () => {
    const wang = addClerk('王芳', '2468');
    for (let left = MAX_PIN_FAILURES - 1; left > 0; left--) {
      expect(signIn(wang, '0000')).toEqual({ result: 'refused', problem: 'pin-wrong', attemptsLeft: left });
    }
    expect(signIn(wang, '0000')).toEqual({ result: 'refused', problem: 'too-many-attempts', waitSeconds: 60 });
    now += 30_000;
    expect(signIn(wang, '2468')).toEqual({ result: 'refused', problem: 'too-many-attempts', waitSeconds: 30 });
    // Another desk is not blocked by this one's mistakes.
    expect(signIn(wang, '2468', OTHER_CLERK)).toMatchObject({ result: 'signed-in' });
    now += 30_000;
    expect(signIn(wang, '2468')).toMatchObject({ result: 'signed-in' });
  });

  it('signs a clerk out at once when the manager disables them', () => {
    const wang = addClerk('王芳', '2468');
    signIn(wang, '2468');
    value(call(CLERK, 'clerk.scan', { text: '2026112200001' }));
    value(call(MANAGER, 'site.saveOperator', { id: wang, disabled: true }));
    const pushed: PushedEvent[] = [];
    core.subscribe(CLERK, (event) => pushed.push(event));
    expect(call(CLERK, 'clerk.scan', { text: personCode(0) })).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    // The window learns at once, and shows the sign-in screen.
    expect(pushed).toEqual([{ event: 'session.changed', payload: expect.objectContaining({ operator: null }) }]);
    expect(value(call(CLERK, 'session.state'))).toMatchObject({ operator: null, locked: false });
  });

  it('does not let a disabled clerk, a manager or an unknown id sign in at a desk', () => {
    const wang = addClerk('王芳', '2468');
    const boss = addClerk('赵经理', '9999', 'manager');
    value(call(MANAGER, 'site.saveOperator', { id: wang, disabled: true }));
    expect(signIn(wang, '2468')).toMatchObject({ result: 'refused', problem: 'pin-wrong' });
    expect(signIn(boss, '9999')).toMatchObject({ result: 'refused', problem: 'pin-wrong' });
    expect(signIn('00000000-0000-4000-8000-000000000000', '2468')).toMatchObject({ result: 'refused', problem: 'pin-wrong' });
    expect(value(call(CLERK, 'session.state')).operators).toEqual([]);
  });
});

describe('the idle lock', () => {
  it('locks the desk after the idle time, keeps the open tube, and lets the next clerk carry on with it', () => {
    const wang = addClerk('王芳', '2468');
    const li = addClerk('李强', '1357');
    const pushed: PushedEvent[] = [];
    core.subscribe(CLERK, (event) => pushed.push(event));
    signIn(wang, '2468');
    value(call(CLERK, 'clerk.scan', { text: '2026112200001' }));
    value(call(CLERK, 'clerk.scan', { text: personCode(0) }));
    expect(value(call(CLERK, 'session.state'))).toMatchObject({ locked: false, locksInSeconds: 300 });

    minutes(4);
    expect(value(call(CLERK, 'session.state'))).toMatchObject({ locked: false, locksInSeconds: 60 });
    // Activity postpones the lock.
    value(call(CLERK, 'clerk.scan', { text: personCode(1) }));
    minutes(4);
    expect(value(call(CLERK, 'session.state'))).toMatchObject({ locked: false, locksInSeconds: 60 });
    minutes(1);
    const tubeBefore = value(call(CLERK, 'clerk.deskState'));
    const before = readSnapshot(dataDir);
    expect(call(CLERK, 'clerk.scan', { text: personCode(2) })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(value(call(CLERK, 'session.state'))).toMatchObject({ operator: { id: wang }, locked: true, locksInSeconds: null });
    expect(readSnapshot(dataDir)).toEqual(before);
    expect(value(call(CLERK, 'clerk.deskState'))).toEqual(tubeBefore);

    pushed.length = 0;
    expect(signIn(li, '1357')).toMatchObject({ result: 'signed-in' });
    expect(pushed.map((e) => e.event)).toContain('session.changed');
    expect(value(call(CLERK, 'clerk.scan', { text: personCode(2) }))).toMatchObject({ person: { position: 3 } });
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT operator_id FROM registrations ORDER BY position').pluck().all()).toEqual([wang, wang, li]);
    db.close();
  });

  it('follows the site setting, locks on request, and signs out', () => {
    const wang = addClerk('王芳', '2468');
    value(call(MANAGER, 'site.updateSettings', { idleLockMinutes: 15 }));
    signIn(wang, '2468');
    minutes(14);
    expect(value(call(CLERK, 'session.state'))).toMatchObject({ locked: false, locksInSeconds: 60 });
    expect(value(call(CLERK, 'session.lock'))).toMatchObject({ operator: { id: wang }, locked: true });
    expect(call(CLERK, 'clerk.sealNow')).toMatchObject({ ok: false, error: { code: 'locked' } });
    signIn(wang, '2468');
    expect(value(call(CLERK, 'session.signOut'))).toMatchObject({ operator: null, locked: false });
    expect(call(CLERK, 'clerk.sealNow')).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    expect(call(MANAGER, 'site.updateSettings', { idleLockMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('pushes the session only to the window of that desk', () => {
    const wang = addClerk('王芳', '2468');
    const desk1: string[] = [];
    const desk2: string[] = [];
    core.subscribe(CLERK, (event) => desk1.push(event.event));
    core.subscribe(OTHER_CLERK, (event) => desk2.push(event.event));
    signIn(wang, '2468');
    value(call(CLERK, 'session.lock'));
    expect(desk1).toEqual(['session.changed', 'session.changed']);
    expect(desk2).toEqual([]);
  });
});

describe('operators', () => {
  it('refuses an operator without a name, role or PIN, a PIN that is not 4 to 8 digits, and an unknown id', async () => {
    const before = readSnapshot(dataDir);
    const save = (input: object) => value(call(MANAGER, 'site.saveOperator', input));
    expect(save({ name: ' ', role: 'clerk', pin: '2468' })).toEqual({ result: 'refused', problem: 'name-missing' });
    expect(save({ name: '王芳', pin: '2468' })).toEqual({ result: 'refused', problem: 'role-needed' });
    expect(save({ name: '王芳', role: 'clerk' })).toEqual({ result: 'refused', problem: 'pin-needed' });
    for (const pin of ['123', '123456789', '12a4', '１２３４']) {
      expect(save({ name: '王芳', role: 'clerk', pin }), pin).toEqual({ result: 'refused', problem: 'pin-format' });
    }
    expect(save({ id: '00000000-0000-4000-8000-000000000000', name: 'x' })).toEqual({ result: 'refused', problem: 'operator-unknown' });
    expect(await core.receive(MANAGER, 'site.saveOperator', { name: 'x', role: 'guide', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(call(CLERK, 'site.saveOperator', { name: 'x', role: 'clerk', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readSnapshot(dataDir)).toEqual(before);
  });

  it('keeps the PIN only as a salted hash, out of the trail; a new PIN replaces the old', () => {
    const wang = addClerk('王芳', '24681357');
    addClerk('李强', '24681357');
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const hashes = db.prepare("SELECT pin_hash FROM operators WHERE role = 'clerk'").pluck().all() as string[];
    expect(hashes).toHaveLength(2);
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$/);
    expect(hashes[0]).not.toBe(hashes[1]);
    const everything = JSON.stringify(readSnapshot(dataDir));
    expect(everything).not.toContain('24681357');

    value(call(MANAGER, 'site.saveOperator', { id: wang, pin: '5555' }));
    expect(signIn(wang, '24681357')).toMatchObject({ result: 'refused' });
    expect(signIn(wang, '5555')).toMatchObject({ result: 'signed-in' });
    expect(JSON.parse(db.prepare("SELECT data FROM audit WHERE kind = 'operator.changed'").pluck().get() as string)).toMatchObject({
      name: '王芳',
      pinChanged: true,
    });
    db.close();
    expect(value(call(MANAGER, 'site.operators'))).toEqual([
      { id: expect.any(String), name: '李强', role: 'clerk', disabled: false, createdAt: expect.any(String), staffNumber: null },
      { id: wang, name: '王芳', role: 'clerk', disabled: false, createdAt: expect.any(String), staffNumber: null },
      { id: expect.any(String), name: '测试负责人', role: 'manager', disabled: false, createdAt: expect.any(String), staffNumber: null },
    ]);
  });
});
