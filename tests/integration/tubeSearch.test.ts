// 管码查人: a tracing team's first question of a positive pooled tube. The tube's barcode gives its people (partly
// hidden), its bag and the handover that took it; a person opened from that list is shown in full and the trail
// says who opened whom; after a correction the record read again is the corrected one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { driver, MANAGER } from '../fixtures/driver';
import { idNumber, personCode } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dispose: () => void;
let d: ReturnType<typeof driver>;

const TUBE = '2026112200001';

beforeEach(() => {
  let dataDir: string;
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
  d = driver(core, dataDir);
  d.scan(TUBE);
  for (const i of [0, 1, 2]) d.scan(personCode(i));
  d.seal();
});
afterEach(() => dispose());

type AuditRow = { kind: string; actor: string; subject: string; data: string };
const audit = () => d.tables().audit as AuditRow[];

describe('a tube by its barcode', () => {
  it('lists its people partly hidden, and says it is in no bag yet', () => {
    const tube = d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })!;
    expect(tube.people.map((p) => [p.position, p.name, p.idNumber])).toEqual([
      [1, '张*', `110101********${idNumber(0).slice(-4)}`],
      [2, '王*', `110101********${idNumber(1).slice(-4)}`],
      [3, '李*', `110101********${idNumber(2).slice(-4)}`],
    ]);
    expect(tube).toMatchObject({ bag: null, handover: null });
  });

  it('names its bag once packed, and the manifest and courier once handed over', () => {
    d.pack('B2026112201');
    d.pack(TUBE);
    expect(d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })).toMatchObject({ bag: { barcode: 'B2026112201', sealedAt: null }, handover: null });
    d.call(MANAGER, 'packing.sealNow');
    d.call(MANAGER, 'site.handover', {
      bags: ['B2026112201'],
      courier: { name: '李师傅', phone: '13900001111', vehicle: '京A12345' },
      temperature: null,
    });
    expect(d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })).toMatchObject({
      bag: { barcode: 'B2026112201', sealedAt: expect.any(String) },
      handover: { number: '20261122-001', handedAt: new Date(2026, 10, 22, 9, 30).toISOString(), courier: '李师傅' },
    });
  });

  it('opens one of its people in full, and the trail names who opened whom, never the details', () => {
    const [, second] = d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })!.people;
    const before = audit().length;
    expect(d.call(MANAGER, 'site.registration', { registrationId: second.registrationId })).toEqual({
      registrationId: second.registrationId,
      position: 2,
      status: 'active',
      docType: 'resident-id',
      idNumber: idNumber(1),
      name: '王芳',
      phone: '13910000001',
      tube: TUBE,
      desk: '1',
      registeredAt: new Date(2026, 10, 22, 9, 30).toISOString(),
    });
    const opened = audit().slice(before);
    expect(opened).toEqual([expect.objectContaining({ kind: 'search', actor: expect.stringMatching(/^manager:/), subject: second.registrationId })]);
    expect(opened[0].data).not.toContain(idNumber(1));
    expect(opened[0].data).not.toContain('王芳');
  });

  it('reads the corrected record after a correction, in full and in the tube’s list', () => {
    const [first] = d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })!.people;
    d.call(MANAGER, 'site.correctPerson', { registrationId: first.registrationId, name: '章伟', reason: '姓名写错' });
    expect(d.call(MANAGER, 'site.registration', { registrationId: first.registrationId })).toMatchObject({ name: '章伟' });
    expect(d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })!.people[0]).toMatchObject({ name: '章*' });
  });
});

describe('the person details channel', () => {
  it('is the manager’s only', () => {
    const [first] = d.call(MANAGER, 'site.tubePeople', { barcode: TUBE })!.people;
    expect(core.call({ role: 'clerk', desk: '1' }, 'site.registration', { registrationId: first.registrationId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
