// The crash test's writer: registers people as fast as it can and prints "ACK <id number>" for each one only
// after its transaction committed, exactly as a desk acknowledges a scan. It is killed at random moments.
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { createCore } from '../../src-main/core/core';
import { checkCharacter } from '../../src-main/core/domain/residentId';

const core = createCore({ dataDir: process.argv[2] });
const clerk = { role: 'clerk' as const, desk: '1' };
const PIN = '2468';

/** The clerk signs in again after every restart; the first run adds them (as the headless command would). */
function signIn(): void {
  const state = core.call(clerk, 'session.state', {}) as { ok: true; value: { operators: { id: string }[] } };
  let id = state.value.operators[0]?.id;
  if (!id) {
    const added = core.admin.saveOperator({ name: '测试', role: 'clerk', pin: PIN }, 'crash test');
    if (added.result !== 'saved') throw new Error(`could not add the clerk: ${added.problem}`);
    id = added.operator.id;
  }
  const signedIn = core.call(clerk, 'session.signIn', { operatorId: id, pin: PIN });
  if (!signedIn.ok || (signedIn.value as { result: string }).result !== 'signed-in') throw new Error('could not sign in');
}

signIn();
fs.writeSync(1, 'READY\n');

/** A valid resident ID number for any n below 20,000,000 (distinct n, distinct number). */
function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1 + (n % 20_000)));
  const first17 = `110101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(n / 20_000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

function call(text: string, confirm = false) {
  const result = core.call(clerk, 'clerk.scan', { text, confirm });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { result: string };
}

for (;;) {
  const state = core.call(clerk, 'clerk.deskState', {}) as { ok: true; value: { tube: unknown } };
  if (!state.value.tube) call(String(randomInt(1e13, 1e14 - 1)));
  const id = idNumber(randomInt(0, 20_000_000));
  let outcome = call(`测试|${id}|13800000000`);
  if (outcome.result === 'confirm') outcome = call(`测试|${id}|13800000000`, true);
  if (outcome.result === 'person-added') fs.writeSync(1, `ACK ${id}\n`);
}
