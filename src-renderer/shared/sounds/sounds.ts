// Each outcome's sound, as notes synthesised here: no audio files to ship, and each sound's shape (pitch,
// length, rhythm) is distinct enough to tell apart through a hood in a noisy tent without looking.

export const SOUND_NAMES = ['accepted', 'notice', 'full', 'warning', 'switch', 'refused', 'device-lost'] as const;
export type SoundName = (typeof SOUND_NAMES)[number];

export type Wave = 'sine' | 'square' | 'triangle';

/** A tone, or a rest when hz is 0. */
export interface Note {
  hz: number;
  ms: number;
  wave: Wave;
}

const tone = (hz: number, ms: number, wave: Wave = 'sine'): Note => ({ hz, ms, wave });
const rest = (ms: number): Note => ({ hz: 0, ms, wave: 'sine' });

export const SOUNDS: Record<SoundName, readonly Note[]> = {
  // One short high beep: the sound heard a thousand times a day, so the shortest.
  accepted: [tone(1568, 90)],
  // Two mid beeps: a tube opened, a person taken out, a clerk signed in.
  notice: [tone(1047, 70), rest(50), tone(1047, 70)],
  // A rising arpeggio: the tube is full and sealed, take the next one.
  full: [tone(1047, 110, 'triangle'), tone(1319, 110, 'triangle'), tone(1568, 110, 'triangle'), tone(2093, 240, 'triangle')],
  // Three even pulses: look at the screen and decide (F2).
  warning: [tone(880, 150, 'square'), rest(90), tone(880, 150, 'square'), rest(90), tone(880, 150, 'square')],
  // Twice a high-low pair: a new tube scanned while the open one is not full; look before sealing it (F2).
  switch: [
    tone(1319, 130, 'square'),
    tone(784, 200, 'square'),
    rest(110),
    tone(1319, 130, 'square'),
    tone(784, 200, 'square'),
  ],
  // A long low buzz: nothing was stored.
  refused: [tone(196, 500, 'square')],
  // A falling line: a scanner or card reader went away.
  'device-lost': [tone(659, 220, 'triangle'), tone(440, 220, 'triangle'), tone(294, 420, 'triangle')],
};

const EDGE_MS = 5;
const LEVEL = 0.35;

function sample(wave: Wave, phase: number): number {
  const cycle = phase - Math.floor(phase);
  if (wave === 'square') return cycle < 0.5 ? 0.6 : -0.6;
  if (wave === 'triangle') return 1 - 4 * Math.abs(cycle - 0.5);
  return Math.sin(2 * Math.PI * cycle);
}

/** The sound as mono PCM samples in [-1, 1]; each tone fades in and out over a few ms so it does not click. */
export function synthesize(notes: readonly Note[], sampleRate: number): Float32Array<ArrayBuffer> {
  const lengths = notes.map((note) => Math.round((note.ms / 1000) * sampleRate));
  const pcm = new Float32Array(lengths.reduce((sum, n) => sum + n, 0));
  const edge = Math.round((EDGE_MS / 1000) * sampleRate);
  let offset = 0;
  notes.forEach((note, i) => {
    const length = lengths[i];
    if (note.hz > 0) {
      for (let n = 0; n < length; n++) {
        const envelope = Math.min(1, n / edge, (length - 1 - n) / edge);
        pcm[offset + n] = LEVEL * envelope * sample(note.wave, (note.hz * n) / sampleRate);
      }
    }
    offset += length;
  });
  return pcm;
}
