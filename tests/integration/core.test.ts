// The core's one entry point: calls refused at the boundary (unknown channel, wrong role, malformed input) with a
// readable message and nothing stored, and who receives which pushed event.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult, Identity, PushedEvent } from '../../src-main/core/contract';
import type { Core } from '../../src-main/core/core';
import { personCode } from '../fixtures/people';
import { CLERK, driver, MANAGER, OTHER_CLERK, value } from '../fixtures/driver';
import { readSnapshot, tempCore } from '../fixtures/tempCore';

let core: Core;
let dataDir: string;
let dispose: () => void;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
  // Something in every table the loop writes, so "unchanged" is not trivially true of an empty database.
  const d = driver(core, dataDir);
  d.scan('2026112200001');
  d.scan(personCode(0));
});
afterEach(() => dispose());

describe('the boundary', () => {
  /** Calls, expects a refusal with `code` and a message matching `message`, and no row anywhere changed. */
  async function expectCallRefused(who: Identity, channel: unknown, input: unknown, code: string, message: RegExp): Promise<void> {
    const before = readSnapshot(dataDir);
    expect(before.tubes.length).toBeGreaterThan(0);
    const result = (await core.receive(who, channel, input)) as Extract<CallResult, { ok: false }>;
    // Malformed input also says each issue as the windows word it; other refusals have nothing to point at.
    const issues = code === 'invalid-input' ? { issues: expect.arrayContaining([expect.objectContaining({ problem: expect.any(String) })]) } : {};
    expect(result).toEqual({ ok: false, error: { code, message: expect.any(String), ...issues } });
    expect(result.error.message).toMatch(message);
    expect(readSnapshot(dataDir)).toEqual(before);
  }

  it('refuses an unknown channel, naming it', async () => {
    await expectCallRefused(CLERK, 'clerk.delete', {}, 'unknown-channel', /no channel named "clerk\.delete"/);
    await expectCallRefused(MANAGER, 'site.setPoolingRatio', { poolingRatio: 5 }, 'unknown-channel', /no channel named "site\.setPoolingRatio"/);
  });

  it('refuses names that are not channels though an object has them: toString, __proto__, constructor', async () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      await expectCallRefused(CLERK, name, {}, 'unknown-channel', /no channel named/);
    }
  });

  it('refuses a channel name that is not a string', async () => {
    await expectCallRefused(CLERK, 42, {}, 'unknown-channel', /no channel named 42/);
    await expectCallRefused(CLERK, null, {}, 'unknown-channel', /no channel named null/);
    await expectCallRefused(CLERK, { toString: () => 'clerk.scan' }, { text: '2026112200002' }, 'unknown-channel', /no channel named/);
  });

  it('refuses a clerk changing the pooling ratio', async () => {
    await expectCallRefused(CLERK, 'site.updateSettings', { poolingRatio: 5 }, 'forbidden', /clerk window may not call site\.updateSettings/);
    expect(value(core.call(MANAGER, 'site.settings', {}))).toMatchObject({ poolingRatio: 10 });
  });

  it('refuses a manager scanning at a desk, and a clerk reading the totals', async () => {
    await expectCallRefused(MANAGER, 'clerk.scan', { text: '2026112200002' }, 'forbidden', /manager window may not call clerk\.scan/);
    await expectCallRefused(MANAGER, 'clerk.sealNow', {}, 'forbidden', /manager window may not call clerk\.sealNow/);
    await expectCallRefused(CLERK, 'site.totals', {}, 'forbidden', /clerk window may not call site\.totals/);
    await expectCallRefused(CLERK, 'packing.scan', { text: 'B2026112201' }, 'forbidden', /clerk window may not call packing\.scan/);
  });

  it('refuses a scan with no text', async () => {
    await expectCallRefused(CLERK, 'clerk.scan', {}, 'invalid-input', /Invalid input for clerk\.scan.*text/s);
    await expectCallRefused(CLERK, 'clerk.scan', undefined, 'invalid-input', /text/);
  });

  it('refuses a number where a string is expected', async () => {
    await expectCallRefused(CLERK, 'clerk.scan', { text: 2026112200002 }, 'invalid-input', /expected string.*text|text.*expected string/is);
  });

  it('refuses extra keys, such as a desk the window tries to choose for itself', async () => {
    await expectCallRefused(CLERK, 'clerk.scan', { text: '2026112200002', desk: '2' }, 'invalid-input', /desk/);
    await expectCallRefused(CLERK, 'clerk.sealNow', { force: true }, 'invalid-input', /force/);
    await expectCallRefused(MANAGER, 'site.updateSettings', { poolingRatio: 5, admin: true }, 'invalid-input', /admin/);
  });

  it('refuses a 5,000-character text before any parsing', async () => {
    await expectCallRefused(CLERK, 'clerk.scan', { text: '1'.repeat(5000) }, 'invalid-input', /text/);
    await expectCallRefused(CLERK, 'clerk.scan', { text: `张三|110101199003071233|${'1'.repeat(4970)}` }, 'invalid-input', /text/);
  });

  it('refuses input of the wrong kind altogether', async () => {
    await expectCallRefused(CLERK, 'clerk.scan', '2026112200002', 'invalid-input', /clerk\.scan/);
    await expectCallRefused(CLERK, 'clerk.scan', ['2026112200002'], 'invalid-input', /clerk\.scan/);
    await expectCallRefused(CLERK, 'clerk.scan', { text: '2026112200002', confirm: 'yes' }, 'invalid-input', /confirm/);
  });

  it('refuses pooling ratios that are not a whole number from 1 to 100, and a tube pattern that does not compile', async () => {
    for (const poolingRatio of [0, -1, 2.5, 101, '10', null]) {
      await expectCallRefused(MANAGER, 'site.updateSettings', { poolingRatio }, 'invalid-input', /poolingRatio/);
    }
    await expectCallRefused(MANAGER, 'site.updateSettings', { tubePattern: '([0-9' }, 'invalid-input', /not a valid regular expression/);
  });

  it('says what is wrong with each field as a problem the windows word, beside the developer message', () => {
    const issuesOf = (result: CallResult) => (result.ok ? [] : result.error.issues);
    const settings = (input: unknown) => issuesOf(core.call(MANAGER, 'site.updateSettings', input as never));
    expect(settings({ poolingRatio: 2.5 })).toEqual([{ path: ['poolingRatio'], problem: 'not-whole' }]);
    expect(settings({ poolingRatio: 0 })).toEqual([{ path: ['poolingRatio'], problem: 'too-small', limit: 1 }]);
    expect(settings({ bagCapacity: 501 })).toEqual([{ path: ['bagCapacity'], problem: 'too-big', limit: 500 }]);
    expect(settings({ poolingRatio: '10' })).toEqual([{ path: ['poolingRatio'], problem: 'not-a-number' }]);
    expect(settings({ poolingRatio: Number.NaN })).toEqual([{ path: ['poolingRatio'], problem: 'not-a-number' }]);
    expect(settings({ siteName: '东'.repeat(61) })).toEqual([{ path: ['siteName'], problem: 'too-long', limit: 60 }]);
    expect(settings({ siteName: '东\u0000区' })).toEqual([{ path: ['siteName'], problem: 'invisible-character' }]);
    expect(settings({ siteCode: 'BJ 01' })).toEqual([{ path: ['siteCode'], problem: 'not-a-site-code' }]);
    expect(settings({ tubePattern: '([0-9' })).toEqual([{ path: ['tubePattern'], problem: 'not-a-pattern' }]);
    expect(settings({ sameDayRepeat: 'maybe' })).toEqual([{ path: ['sameDayRepeat'], problem: 'not-an-option' }]);
    expect(settings({ poolingRatio: 5, admin: true })).toEqual([{ path: ['admin'], problem: 'unknown-field' }]);
    expect(settings({ codeFormats: [{ kind: 'xml', name: 'x' }] })).toEqual([{ path: ['codeFormats', 0, 'kind'], problem: 'unknown-kind' }]);
    expect(settings({ codeFormats: [{ kind: 'delimited', name: 'x', template: '{name}|{phone}' }] })).toEqual([
      { path: ['codeFormats', 0, 'template'], problem: 'format-template-without-id-number' },
    ]);
    const courier = { name: '李师傅', phone: '13900001111', vehicle: '京A12345' };
    const handover = (input: unknown) => issuesOf(core.call(MANAGER, 'site.handover', input as never));
    expect(handover({ bags: ['B2026112201'], courier: { ...courier, phone: '139' }, temperature: null })).toEqual([
      { path: ['courier', 'phone'], problem: 'not-a-phone' },
    ]);
    expect(handover({ bags: ['B2026112201'], courier: { ...courier, name: ' ' }, temperature: 41 })).toEqual([
      { path: ['courier', 'name'], problem: 'required' },
      { path: ['temperature'], problem: 'too-big', limit: 40 },
    ]);
    expect(handover({ bags: [], courier })).toEqual([
      { path: ['bags'], problem: 'too-few', limit: 1 },
      { path: ['temperature'], problem: 'required' },
    ]);
    // The developer's message is still there, for logs and tests.
    expect(core.call(MANAGER, 'site.handover', { bags: ['B1'], courier: { ...courier, phone: '139' }, temperature: null })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Invalid input for site\.handover: .*a mobile or landline number.*courier\.phone/s) },
    });
  });

  it('refuses a site name with a hidden character: it is printed on manifests and sent with every batch', async () => {
    for (const siteName of ['东\u0000区', '东区\u202e', '\u200b']) {
      await expectCallRefused(MANAGER, 'site.updateSettings', { siteName }, 'invalid-input', /siteName/);
    }
  });

  it('lets 1,400 Chinese characters through the boundary (under 4,096 characters) for the domain to refuse by bytes', () => {
    const before = readSnapshot(dataDir);
    expect(core.call(CLERK, 'clerk.scan', { text: '张'.repeat(1400) })).toEqual({
      ok: true,
      value: { result: 'refused', problem: 'scan-too-long' },
    });
    expect(readSnapshot(dataDir)).toEqual(before);
  });

  it('answers a well-formed call', () => {
    expect(core.call(CLERK, 'session.whoami', {})).toEqual({ ok: true, value: CLERK });
    expect(core.call(CLERK, 'clerk.scan', { text: '2026112200002', confirm: true })).toMatchObject({ ok: true, value: { result: 'tube-opened' } });
  });
});

describe('pushed events', () => {
  /**
   * What each window receives. The backlog (every window, after every stored fact) and the manager's live view
   * (after every desk's change) are left out unless asked: other tests look at them.
   */
  function listen(identities: Record<string, Identity>, also: PushedEvent['event'][] = []) {
    const received: Record<string, PushedEvent[]> = {};
    const stop: Record<string, () => void> = {};
    const ignored = (['backlog.changed', 'site.live'] as const).filter((event) => !also.includes(event));
    for (const [name, who] of Object.entries(identities)) {
      received[name] = [];
      stop[name] = core.subscribe(who, (event) => {
        if (!(ignored as string[]).includes(event.event)) received[name].push(event);
      });
    }
    return { received, stop };
  }

  it("pushes the manager's live view a moment after a desk's change, once for a burst: tube, last scan, people per hour", async () => {
    const { received } = listen({ clerk1: CLERK, manager: MANAGER }, ['site.live']);
    value(core.call(CLERK, 'clerk.scan', { text: personCode(1) }));
    value(core.call(CLERK, 'clerk.scan', { text: personCode(2) }));
    value(core.call(CLERK, 'clerk.undo', {}));
    expect(received.clerk1.map((e) => e.event)).toEqual(['desk.changed', 'desk.changed', 'desk.changed']);
    // Not on the scan's path: nothing yet, then one push for the three changes.
    expect(received.manager.filter((e) => e.event === 'site.live')).toEqual([]);
    // One push follows, after LIVE_PUSH_DELAY_MS; however late it comes, it is one for all three changes.
    await vi.waitFor(() => expect(received.manager.filter((e) => e.event === 'site.live')).not.toEqual([]), { timeout: 10_000 });
    const live = received.manager.filter((e) => e.event === 'site.live');
    expect(live).toHaveLength(1);
    const desks = live[0].payload as { desk: string; tube: unknown; lastScanAt: string; perHour: number[]; operator: string }[];
    // Desk 2 is signed in but registered nobody yet: it is listed all the same.
    expect(desks.map((d) => d.desk)).toEqual(['1', '2']);
    expect(desks[0]).toMatchObject({
      tube: { barcode: '2026112200001', count: 2, capacity: 10 },
      lastScanAt: new Date(2026, 10, 22, 9, 30).toISOString(),
      operator: '测试登记员',
      locked: false,
    });
    expect(desks[0].perHour[9]).toBe(2);
    expect(desks[0].perHour.reduce((a, b) => a + b)).toBe(2);
    expect(desks[1]).toMatchObject({ tube: null, lastScanAt: null, operator: '测试登记员' });
    expect(value(core.call(MANAGER, 'site.live', {}))).toEqual(desks);
  });

  it('pushes the upload backlog to every window each time it grows, and not for a refusal', () => {
    const { received } = listen({ clerk1: CLERK, clerk2: OTHER_CLERK, manager: MANAGER }, ['backlog.changed']);
    const backlogOf = (name: string) => received[name].filter((e) => e.event === 'backlog.changed').map((e) => e.payload);
    // The tube opened and one person added in beforeEach wait for the platform.
    const oldestAt = new Date(2026, 10, 22, 9, 30).toISOString();
    expect(value(core.call(MANAGER, 'station.backlog', {}))).toEqual({ count: 2, oldestAt });

    value(core.call(CLERK, 'clerk.scan', { text: personCode(1) }));
    const expected = [{ count: 3, oldestAt }];
    expect(backlogOf('clerk1')).toEqual(expected);
    expect(backlogOf('clerk2')).toEqual(expected);
    expect(backlogOf('manager')).toEqual(expected);

    value(core.call(CLERK, 'clerk.scan', { text: personCode(1) }));
    expect(backlogOf('manager')).toHaveLength(1);
  });

  it('a scan pushes desk.changed to the clerk of that desk only, and totals.changed to managers only', () => {
    const { received } = listen({ clerk1: CLERK, clerk2: OTHER_CLERK, manager: MANAGER });
    value(core.call(CLERK, 'clerk.scan', { text: personCode(1) }));

    expect(received.clerk1.map((e) => e.event)).toEqual(['desk.changed']);
    expect(received.clerk1[0].payload).toMatchObject({ desk: '1', tube: { barcode: '2026112200001', people: [{}, { position: 2 }] } });
    expect(received.clerk2).toEqual([]);
    expect(received.manager).toEqual([
      { event: 'totals.changed', payload: { day: '2026-11-22', peopleToday: 2, openTubes: 1, sealedTubesToday: 0 } },
    ]);

    value(core.call(OTHER_CLERK, 'clerk.scan', { text: '2026112200002' }));
    expect(received.clerk1).toHaveLength(1);
    expect(received.clerk2.map((e) => [e.event, (e.payload as { desk: string }).desk])).toEqual([['desk.changed', '2']]);
    expect(received.manager.map((e) => e.event)).toEqual(['totals.changed', 'totals.changed']);
  });

  it('reaches every window of that desk and every manager window', () => {
    const { received } = listen({ a: CLERK, b: { role: 'clerk', desk: '1' }, m1: MANAGER, m2: { role: 'manager' } });
    value(core.call(CLERK, 'clerk.sealNow', {}));
    expect(received.a).toEqual([{ event: 'desk.changed', payload: { desk: '1', tube: null } }]);
    expect(received.b).toEqual(received.a);
    expect(received.m1).toEqual([expect.objectContaining({ event: 'totals.changed', payload: expect.objectContaining({ sealedTubesToday: 1 }) })]);
    expect(received.m2).toEqual(received.m1);
  });

  it('pushes nothing for a refusal, a warning awaiting confirmation, or a refused call', async () => {
    const { received } = listen({ clerk1: CLERK, manager: MANAGER });
    const nothing = { clerk1: [], manager: [] };
    expect(value(core.call(CLERK, 'clerk.scan', { text: personCode(0) }))).toMatchObject({ problem: 'person-already-in-tube' });
    expect(received).toEqual(nothing);
    expect(await core.receive(CLERK, 'clerk.scan', { text: 42 })).toMatchObject({ ok: false });
    expect(core.call(CLERK, 'site.updateSettings', { poolingRatio: 5 })).toMatchObject({ ok: false });
    expect(received).toEqual(nothing);

    value(core.call(CLERK, 'clerk.sealNow', {}));
    value(core.call(CLERK, 'clerk.scan', { text: '2026112200002' }));
    expect(received.clerk1).toHaveLength(2);
    received.clerk1.length = 0;
    received.manager.length = 0;
    // Already sampled today: the clerk is asked to confirm, nothing is stored yet.
    expect(value(core.call(CLERK, 'clerk.scan', { text: personCode(0) }))).toMatchObject({ result: 'confirm' });
    expect(received).toEqual(nothing);
  });

  it('stops after unsubscribing', () => {
    const { received, stop } = listen({ clerk1: CLERK, manager: MANAGER });
    stop.clerk1();
    stop.manager();
    value(core.call(CLERK, 'clerk.scan', { text: personCode(1) }));
    expect(received).toEqual({ clerk1: [], manager: [] });
  });
});

describe('a listener that throws', () => {
  it('neither fails the committed call nor keeps the event from the other windows', () => {
    const received: string[] = [];
    core.subscribe(MANAGER, () => {
      throw new Error('window gone');
    });
    core.subscribe(MANAGER, (event) => received.push(event.event));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(core.call(CLERK, 'clerk.scan', { text: '2026112200009', confirm: true })).toMatchObject({ ok: true, value: { result: 'tube-opened' } });
    } finally {
      console.error = original;
    }
    expect(received).toEqual(['totals.changed', 'backlog.changed']);
    expect(errors).toHaveLength(2);
  });
});

