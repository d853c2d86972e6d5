// A site's earlier work, done through the core before the station starts: what the paperwork tests open, reprint
// and warn about. Each step goes through the channels a window would call, signed in as the test operators.
import { expect } from '@playwright/test';
import type { Identity } from '../../src-main/core/contract';
import { createCore, type Core } from '../../src-main/core/core';
import { personCode } from '../fixtures/people';
import { TEST_PASSPHRASE } from '../fixtures/passphrase';
import { CLERKS, MANAGER } from './station';

const MANAGER_WINDOW: Identity = { role: 'manager' };
const desk = (n: number): Identity => ({ role: 'clerk', desk: String(n) });

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function signIn(core: Core, who: Identity, name: string, pin: string): void {
  const operator = ok(core.call(who, 'session.state')).operators.find((o) => o.name === name)!;
  expect(ok(core.call(who, 'session.signIn', { operatorId: operator.id, pin }))).toMatchObject({ result: 'signed-in' });
}

/** A core on the station's data folder at a given time, with the manager and the first clerk signed in at desks 1 and 2. */
export function siteAt(dataDir: string, at: Date, work: (site: ReturnType<typeof siteActions>) => void): void {
  const core = createCore({ dataDir, clock: () => at, key: TEST_PASSPHRASE });
  try {
    signIn(core, MANAGER_WINDOW, MANAGER.name, MANAGER.pin);
    for (const n of [1, 2]) signIn(core, desk(n), CLERKS[0].name, CLERKS[0].pin);
    work(siteActions(core));
  } finally {
    core.close();
  }
}

function siteActions(core: Core) {
  const scan = (n: number, text: string) => ok(core.call(desk(n), 'clerk.scan', { text }));
  const pack = (text: string) => ok(core.call(MANAGER_WINDOW, 'packing.scan', { text }));
  return {
    /** Opens a tube at a desk with people `from` to `from + count - 1`; sealed unless `open`. */
    tube(n: number, barcode: string, from: number, count: number, open = false): void {
      scan(n, barcode);
      for (let i = from; i < from + count; i++) scan(n, personCode(i));
      if (!open) ok(core.call(desk(n), 'clerk.sealNow'));
    },
    /** Packs the tubes into a bag and seals it. */
    bag(barcode: string, tubes: string[]): void {
      for (const text of [barcode, ...tubes]) pack(text);
      ok(core.call(MANAGER_WINDOW, 'packing.sealNow'));
    },
    handOver(bags: string[]): string {
      const handed = ok(
        core.call(MANAGER_WINDOW, 'site.handover', {
          bags,
          courier: { name: '李师傅', phone: '13900001111', vehicle: '京A12345' },
          temperature: 4,
        }),
      );
      if (handed.result !== 'handed-over') throw new Error(handed.problem);
      return handed.number;
    },
  };
}
