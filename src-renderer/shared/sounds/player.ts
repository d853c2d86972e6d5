// Plays the outcome sounds through Web Audio. The page marks the last sound it played on <html>, so a test (or a
// support person with the dev tools) can see which one played.
import { SOUNDS, synthesize, type SoundName } from './sounds';

let context: AudioContext | null = null;
const buffers = new Map<SoundName, AudioBuffer>();

function audio(): AudioContext | null {
  try {
    context ??= new AudioContext();
    return context;
  } catch {
    // No audio device: the colour and the text still tell the clerk everything.
    return null;
  }
}

/** Browsers start audio suspended until a key is pressed in the page; every key press makes sure it runs. */
export function wakeAudio(): void {
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume();
}

export function playSound(name: SoundName): void {
  const root = document.documentElement;
  root.dataset.lastSound = name;
  root.dataset.soundsPlayed = String(Number(root.dataset.soundsPlayed ?? 0) + 1);
  const ctx = audio();
  if (!ctx) return;
  let buffer = buffers.get(name);
  if (!buffer) {
    const pcm = synthesize(SOUNDS[name], ctx.sampleRate);
    buffer = ctx.createBuffer(1, pcm.length, ctx.sampleRate);
    buffer.copyToChannel(pcm, 0);
    buffers.set(name, buffer);
  }
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  source.connect(ctx.destination);
  source.start();
}
