// The pre-registration window through the core: a sticker for checked details, and an ID card on its own reader
// read into its form, never registered, and only while somebody is signed in there. The sticker's code is sealed
// with the station's sticker key: it says nothing to any other reader, registers at a desk, and is refused there,
// changing nothing, when altered or sealed with a key the station does not hold; stickers printed before still
// register. The key itself reaches no window.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelsOf, type Identity, type PushedEvent } from '../../src-main/core/contract';
import type { Core } from '../../src-main/core/core';
import { fromBase32, toBase32 } from '../../src-main/core/domain/base32';
import { sealSticker } from '../../src-main/core/domain/stickerCode';
import { VECTOR_RESIDENT_CARD } from '../fixtures/cards';
import { CLERK, CLERK_PIN, MANAGER, outcome, signIn, value } from '../fixtures/driver';
import { idNumber } from '../fixtures/people';
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

  it('makes a sticker only for checked details, masked on the sticker, in full to a desk that scans its code', () => {
    const clerk = signIn(core, [CLERK]);
    value(core.call(GUIDE, 'session.signIn', { operatorId: clerk, pin: CLERK_PIN }));
    const person = { docType: 'resident-id' as const, idNumber: '110101199003071233', name: '钱老伯', phone: '13812345678' };
    expect(value(core.call(GUIDE, 'guide.sticker', { ...person, phone: '123' }))).toEqual({ result: 'refused', problem: 'phone-invalid' });
    const made = outcome(value(core.call(GUIDE, 'guide.sticker', person)), 'sticker');
    expect(made.person).toEqual({ name: '钱*伯', idNumber: '110101********1233' });
    scanAtDesk('2026112200001');
    expect(scanAtDesk(made.code)).toMatchObject({ result: 'person-added', person: { position: 1 } });
    expect(readSnapshot(dataDir).registrations).toEqual([
      expect.objectContaining({ doc_type: 'resident-id', doc_number: person.idNumber, name: '钱老伯', phone: person.phone, source: 'scan' }),
    ]);
    expect(core.call(CLERK, 'guide.sticker', person)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

const PERSON = { docType: 'resident-id' as const, idNumber: idNumber(7), name: '钱老伯', phone: '13812345678' };

const scanAtDesk = (text: string) => value(core.call(CLERK, 'clerk.scan', { text }));

/** A clerk signed in at desk 1 and at the pre-registration window, and a tube open at the desk. */
function openDeskAndGuide(): void {
  const clerk = signIn(core, [CLERK]);
  value(core.call(GUIDE, 'session.signIn', { operatorId: clerk, pin: CLERK_PIN }));
  outcome(scanAtDesk('2026112200001'), 'tube-opened');
}

const makeSticker = (person = PERSON) => outcome(value(core.call(GUIDE, 'guide.sticker', person)), 'sticker').code;

/** The sticker as printed before sealing: its details in clear. */
const clearSticker = (person = PERSON) =>
  'SWABDESK1:' + Buffer.from(JSON.stringify({ t: person.docType, n: person.idNumber, m: person.name, p: person.phone })).toString('base64url');

/** Scans `text` at desk 1, expects it refused for `problem`, and no row anywhere changed. */
function expectRefusedAtDesk(text: string, problem: string): void {
  const before = readSnapshot(dataDir);
  expect(scanAtDesk(text)).toEqual({ result: 'refused', problem });
  expect(readSnapshot(dataDir)).toEqual(before);
}

/**
 * Every text a reader could make of a code: as it is, and its bytes taken as base64, base64url, hex or base32 from
 * each of its first characters on, each read as UTF-8, UTF-16 in either byte order, Latin-1 and GBK.
 */
function readingsOf(code: string): string[] {
  const decodings = (text: string): (Buffer | null)[] => [
    Buffer.from(text, 'base64'),
    Buffer.from(text, 'base64url'),
    Buffer.from(text, 'hex'),
    fromBase32(text),
    fromBase32(text.slice(0, text.length - (text.length % 8))),
  ];
  const byteStrings = [Buffer.from(code, 'utf8'), ...Array.from({ length: 16 }, (_, at) => decodings(code.slice(at))).flat()];
  return byteStrings
    .filter((bytes): bytes is Buffer => bytes !== null && bytes.length > 0)
    .flatMap((bytes) => [
      bytes.toString('utf8'),
      bytes.toString('utf16le'),
      Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2))).swap16().toString('utf16le'),
      bytes.toString('latin1'),
      new TextDecoder('gbk').decode(bytes),
    ]);
}

/** What a reader would look for: the number (without its check character too), the name and the phone. */
const secretsOf = (person = PERSON) => [person.idNumber, person.idNumber.slice(0, 17), person.name, person.phone];

describe("the sticker's sealed code", () => {
  it('holds no ID number, name or phone in any encoding a reader could try', () => {
    openDeskAndGuide();
    const code = makeSticker();
    // Capital letters and digits only: what a keyboard-mode scanner types through any input method.
    expect(code).toMatch(/^SWABDESK2[A-Z2-7]+$/);
    const readings = readingsOf(code);
    for (const secret of secretsOf()) expect(readings.filter((text) => text.includes(secret)), secret).toEqual([]);
    // The same search finds all three in the sticker printed before sealing.
    const before = readingsOf(clearSticker());
    for (const secret of secretsOf()) expect(before.some((text) => text.includes(secret)), secret).toBe(true);
  });

  it('registers at a desk, and refuses it with one character altered, changing nothing', () => {
    openDeskAndGuide();
    const code = makeSticker();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const alter = (at: number) => code.slice(0, at) + alphabet[(alphabet.indexOf(code[at]) + 7) % 32] + code.slice(at + 1);
    // In the sealed details, in the key id, in the check at its end.
    for (const at of [Math.floor(code.length / 2), 'SWABDESK2'.length + 1, code.length - 2]) expectRefusedAtDesk(alter(at), 'sticker-altered');
    expect(scanAtDesk(code)).toMatchObject({ result: 'person-added', person: { position: 1, name: '钱*伯' } });
    expect(readSnapshot(dataDir).registrations).toEqual([
      expect.objectContaining({ doc_number: PERSON.idNumber, name: PERSON.name, phone: PERSON.phone }),
    ]);
  });

  it("refuses a sticker sealed with a key the station does not hold, and one whose key id names the station's key but was not sealed with it", () => {
    openDeskAndGuide();
    expectRefusedAtDesk(sealSticker(PERSON, { id: '0badc0de', secret: randomBytes(32) }), 'sticker-unknown-key');
    const ownKeyId = fromBase32(makeSticker().slice('SWABDESK2'.length))!.subarray(0, 4).toString('hex');
    expectRefusedAtDesk(sealSticker(PERSON, { id: ownKeyId, secret: randomBytes(32) }), 'sticker-altered');
    expect(readSnapshot(dataDir).registrations).toEqual([]);
  });

  it('still registers a sticker printed before sealing', () => {
    openDeskAndGuide();
    expect(scanAtDesk(clearSticker())).toMatchObject({ result: 'person-added', person: { position: 1 } });
    expect(readSnapshot(dataDir).registrations).toEqual([
      expect.objectContaining({ doc_number: PERSON.idNumber, name: PERSON.name, phone: PERSON.phone }),
    ]);
  });

  it("never gives the key away: no channel's answer, no event, no log line, no audit or outbox row carries it", async () => {
    const said: unknown[] = [];
    const logged = (['log', 'info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void said.push(args)),
    );
    for (const who of [CLERK, MANAGER, GUIDE]) core.subscribe(who, (event) => said.push(event));
    openDeskAndGuide();
    const code = makeSticker();
    said.push(code, scanAtDesk(code), scanAtDesk(code.slice(0, -2) + (code.endsWith('A') ? 'BB' : 'AA')));
    said.push(core.call(MANAGER, 'site.testCodeFormats', { text: code }), core.call(MANAGER, 'site.searchPeople', { text: PERSON.idNumber }));
    // Every channel each window may call, with nothing in (a window's reads answer; the others say why not).
    for (const who of [CLERK, GUIDE, MANAGER]) {
      for (const name of channelsOf(who.role).filter((channel) => !['session.lock', 'session.signOut'].includes(channel))) {
        said.push(await core.receive(who, name, {}));
      }
    }
    logged.forEach((spy) => spy.mockRestore());

    const tables = readSnapshot(dataDir);
    const keys = tables.sticker_keys as { id: string; secret: Buffer; printing: number }[];
    expect(keys).toEqual([expect.objectContaining({ printing: 1 })]);
    const { secret } = keys[0];
    expect(secret).toHaveLength(32);
    const hex = secret.toString('hex');
    const forms = [hex, hex.toUpperCase(), secret.toString('base64'), secret.toString('base64url'), toBase32(secret), secret.join(',')];
    const trail = JSON.stringify([tables.audit, tables.audit_private, tables.outbox]);
    const answers = JSON.stringify(said);
    // The search above and the sticker were answered and recorded: there was something to look through.
    expect(answers).toContain(PERSON.phone);
    expect(trail).toContain('sticker.printed');
    for (const form of forms) {
      expect(answers.includes(form), form).toBe(false);
      expect(trail.includes(form), form).toBe(false);
    }
  });
});
