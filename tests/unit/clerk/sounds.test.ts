// The outcome sounds, measured from the samples they synthesise (not from their note tables): each is distinct
// from every other in pitch, length and rhythm, each has the shape its meaning asks for, and each outcome of the
// desk plays its own.
import { describe, expect, it } from 'vitest';
import { SOUND_NAMES, SOUNDS, synthesize, type SoundName } from '../../../src-renderer/shared/sounds/sounds';
import { deviceLost, showReading, showScan, showSeal, showUndo, soundOf } from '../../../src-renderer/clerk/outcome';

const RATE = 48_000;
const WINDOW_MS = 20;

interface Segment {
  hz: number;
  ms: number;
}

/**
 * The sounding stretches of a PCM signal: 20 ms windows, silent below an RMS floor, else pitched from the time
 * between their first and last zero crossing (interpolated between samples); neighbouring windows of the same
 * pitch (within 8 %) join. Stretches under 30 ms are the blur where one tone meets the next, and are dropped.
 */
function segments(pcm: Float32Array): Segment[] {
  const size = (RATE * WINDOW_MS) / 1000;
  const windows: (number | null)[] = [];
  for (let start = 0; start + size <= pcm.length; start += size) {
    let energy = 0;
    const crossings: number[] = [];
    for (let n = start; n < start + size; n++) {
      energy += pcm[n] * pcm[n];
      const [a, b] = [pcm[n - 1], pcm[n]];
      if (n > start && ((a < 0 && b >= 0) || (a >= 0 && b < 0))) crossings.push(n - 1 + a / (a - b));
    }
    const span = (crossings[crossings.length - 1] - crossings[0]) / RATE;
    const silent = Math.sqrt(energy / size) < 0.02 || crossings.length < 3;
    windows.push(silent ? null : (crossings.length - 1) / 2 / span);
  }
  const found: Segment[] = [];
  let current: { hz: number[]; n: number } | null = null;
  const close = () => {
    if (current && current.n * WINDOW_MS >= 30) {
      const sorted = [...current.hz].sort((a, b) => a - b);
      found.push({ hz: sorted[sorted.length >> 1], ms: current.n * WINDOW_MS });
    }
    current = null;
  };
  for (const hz of windows) {
    if (hz === null) {
      close();
      continue;
    }
    const last: { hz: number[]; n: number } | null = current;
    if (last && Math.abs(hz - last.hz[last.hz.length - 1]) / hz <= 0.08) {
      last.hz.push(hz);
      last.n++;
    } else {
      close();
      current = { hz: [hz], n: 1 };
    }
  }
  close();
  return found;
}

const measured = Object.fromEntries(SOUND_NAMES.map((name) => [name, segments(synthesize(SOUNDS[name], RATE))])) as Record<
  SoundName,
  Segment[]
>;
const total = (name: SoundName) => (synthesize(SOUNDS[name], RATE).length / RATE) * 1000;
const near = (hz: number, expected: number) => expect(Math.abs(hz - expected) / expected).toBeLessThan(0.06);

describe('the outcome sounds', () => {
  it('are seven, each telling apart from every other by its pitches, lengths and rhythm', () => {
    expect(SOUND_NAMES).toHaveLength(7);
    const signature = (name: SoundName) => measured[name].map((s) => `${Math.round(s.hz / 100)}:${Math.round(s.ms / 50)}`).join(' ');
    const signatures = SOUND_NAMES.map(signature);
    expect(new Set(signatures).size).toBe(SOUND_NAMES.length);
  });

  it('accepted: one short high beep, the shortest of all, heard a thousand times a day', () => {
    expect(measured.accepted).toHaveLength(1);
    near(measured.accepted[0].hz, 1568);
    for (const name of SOUND_NAMES) if (name !== 'accepted') expect(total(name)).toBeGreaterThan(total('accepted'));
    expect(total('accepted')).toBeLessThanOrEqual(100);
  });

  it('refused: one long low buzz, the lowest pitch of all', () => {
    expect(measured.refused).toHaveLength(1);
    expect(measured.refused[0].ms).toBeGreaterThanOrEqual(450);
    near(measured.refused[0].hz, 196);
    const lowest = Math.min(...SOUND_NAMES.flatMap((name) => measured[name].map((s) => s.hz)));
    expect(lowest).toBe(measured.refused[0].hz);
  });

  it('warning: three equal pulses with silence between', () => {
    expect(measured.warning).toHaveLength(3);
    for (const pulse of measured.warning) near(pulse.hz, 880);
  });

  it('switch: a high-low pair, twice, unlike the even pulses of the other warning', () => {
    const pitches = measured.switch.map((s) => s.hz);
    expect(pitches).toHaveLength(4);
    expect(pitches[0]).toBeGreaterThan(pitches[1]);
    near(pitches[0], pitches[2]);
    near(pitches[1], pitches[3]);
  });

  it('notice: two equal mid beeps', () => {
    expect(measured.notice).toHaveLength(2);
    for (const beep of measured.notice) near(beep.hz, 1047);
  });

  it('full: a rising line of four notes; device lost: a falling line of three', () => {
    const full = measured.full.map((s) => s.hz);
    expect(full).toHaveLength(4);
    expect(full).toEqual([...full].sort((a, b) => a - b));
    const lost = measured['device-lost'].map((s) => s.hz);
    expect(lost).toHaveLength(3);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
  });

  it('stay within [-1, 1] and start and end at silence, so they never click', () => {
    for (const name of SOUND_NAMES) {
      const pcm = synthesize(SOUNDS[name], RATE);
      expect(Math.max(...pcm.map(Math.abs)), name).toBeLessThanOrEqual(1);
      expect(Math.abs(pcm[0]), name).toBeLessThan(0.01);
      expect(Math.abs(pcm[pcm.length - 1]), name).toBeLessThan(0.01);
    }
  });
});

describe('which sound each outcome plays', () => {
  const person = { position: 3, name: '张*', idNumber: '110101********1233', spokenName: '', sex: 'male' as const, birthYear: 1990 };
  const tube = { barcode: '2026112300001', count: 3, capacity: 10 };
  const earlier = { at: '2026-11-23T01:05:00.000Z', desk: '2' };
  const ok = <T>(value: T) => ({ ok: true as const, value });

  it.each([
    ['a person added', showScan(ok({ result: 'person-added', person, tube, sealed: false })), 'accepted'],
    ['an expired card, registered', showScan(ok({ result: 'person-added', person, tube, sealed: false, warning: 'card-expired' })), 'accepted'],
    ['the person that fills the tube', showScan(ok({ result: 'person-added', person, tube, sealed: true })), 'full'],
    ['a tube sealed early', showSeal(ok({ result: 'sealed', tube })), 'full'],
    ['a tube opened', showScan(ok({ result: 'tube-opened', tube: { ...tube, openedAt: '', people: [] }, sealedBefore: null })), 'notice'],
    ['the last person taken out', showUndo(ok({ result: 'removed', person, tube })), 'notice'],
    ['a tube switch taken back', showUndo(ok({ result: 'switch-undone', dropped: '2026112300002', tube })), 'notice'],
    ['a re-test to confirm', showScan(ok({ result: 'confirm', warning: 'sampled-today', person, earlier })), 'warning'],
    ['a tube not full, to seal for a new one', showScan(ok({ result: 'confirm', warning: 'tube-not-full', previous: tube, barcode: '2026112300002' })), 'switch'],
    ['a refused scan', showScan(ok({ result: 'refused', problem: 'code-unknown' })), 'refused'],
    ['a refused undo', showUndo(ok({ result: 'refused', problem: 'tube-empty' })), 'refused'],
    ['a full disk', showScan({ ok: false, error: { code: 'disk-full', message: '' } }), 'refused'],
    ['a locked desk', showScan({ ok: false, error: { code: 'locked', message: '' } }), 'refused'],
    ['a device reading not saved', showReading({ device: 'x', kind: 'scan', outcome: null, error: { code: 'disk-full', message: '' } }), 'refused'],
    ['a device that went away', deviceLost('scanner'), 'device-lost'],
  ] as const)('%s: %s', (_what, shown, sound) => {
    expect(soundOf(shown)).toBe(sound);
  });
});
