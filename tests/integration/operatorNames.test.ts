// Operators on the sign-in screen: two may not share a name (the core refuses it, the database's unique index
// backs it), and each row shows the role and the last characters of the staff number where the site uses them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { CLERK, driver, MANAGER } from '../fixtures/driver';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dispose: () => void;
let d: ReturnType<typeof driver>;

beforeEach(() => {
  let dataDir: string;
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
  d = driver(core, dataDir);
});
afterEach(() => dispose());

const save = (changes: Record<string, unknown>) => d.call(MANAGER, 'site.saveOperator', changes as never);

describe('operator names', () => {
  it('refuses a second operator of the same name, in any letter case, changing nothing', () => {
    expect(save({ name: '王芳', role: 'clerk', pin: '1357' })).toMatchObject({ result: 'saved' });
    d.expectRefused(() => save({ name: ' 王芳 ', role: 'manager', pin: '2468' }), 'name-taken');
    expect(save({ name: 'Anna Li', role: 'clerk', pin: '1357' })).toMatchObject({ result: 'saved' });
    d.expectRefused(() => save({ name: 'anna  li', role: 'clerk', pin: '1357' }), 'name-taken');
  });

  it('refuses renaming an operator to another’s name, even a disabled one’s, but keeps one’s own name', () => {
    const wang = save({ name: '王芳', role: 'clerk', pin: '1357' });
    const li = save({ name: '李强', role: 'clerk', pin: '1357' });
    if (wang.result !== 'saved' || li.result !== 'saved') throw new Error('not saved');
    save({ id: wang.operator.id, disabled: true });
    d.expectRefused(() => save({ id: li.operator.id, name: '王芳' }), 'name-taken');
    expect(save({ id: li.operator.id, name: '李强', pin: '2468' })).toMatchObject({ result: 'saved' });
  });

  it('refuses the first manager under a clerk’s name', () => {
    const { core: fresh, dispose: done } = tempCore();
    try {
      const clerk = fresh.admin.saveOperator({ name: '王芳', role: 'clerk', pin: '1357' }, 'cli');
      expect(clerk).toMatchObject({ result: 'saved' });
      expect(fresh.call(MANAGER, 'session.firstManager', { name: '王芳', pin: '9753' })).toEqual({
        ok: true,
        value: { result: 'refused', problem: 'name-taken' },
      });
    } finally {
      done();
    }
  });
});

describe('staff numbers', () => {
  it('are kept when set, cleared when emptied, and refused when they are not letters, digits and hyphens', () => {
    const saved = save({ name: '王芳', role: 'clerk', pin: '1357', staffNumber: ' HD-0012345 ' });
    if (saved.result !== 'saved') throw new Error(saved.problem);
    expect(saved.operator.staffNumber).toBe('HD-0012345');
    d.expectRefused(() => save({ id: saved.operator.id, staffNumber: '12 34' }), 'staff-number-format');
    d.expectRefused(() => save({ id: saved.operator.id, staffNumber: '1'.repeat(21) }), 'staff-number-format');
    // A new PIN leaves it as it was.
    expect(save({ id: saved.operator.id, pin: '2468' })).toMatchObject({ operator: { staffNumber: 'HD-0012345' } });
    expect(save({ id: saved.operator.id, staffNumber: '' })).toMatchObject({ operator: { staffNumber: null } });
  });

  it('show on the sign-in row as their last four characters, with the role; the full number never', () => {
    save({ name: '王芳', role: 'clerk', pin: '1357', staffNumber: 'HD-0012345' });
    save({ name: '王芳芳', role: 'clerk', pin: '1357' });
    d.call(CLERK, 'session.signOut');
    const { operators } = d.call(CLERK, 'session.state');
    expect(operators.filter((o) => o.name.startsWith('王'))).toEqual([
      { id: expect.any(String), name: '王芳', role: 'clerk', staffTail: '2345' },
      { id: expect.any(String), name: '王芳芳', role: 'clerk', staffTail: null },
    ]);
    expect(JSON.stringify(operators)).not.toContain('HD-0012345');
    expect(d.call(MANAGER, 'session.state').operators).toEqual([{ id: expect.any(String), name: '测试负责人', role: 'manager', staffTail: null }]);
  });
});
