// Reads a person out ("张三 2", "10换") through the platform's speech synthesis, in the window's language, when
// the platform has a voice for that language; without one the outcome tones alone tell the clerk.
import { useSyncExternalStore } from 'react';

const synthesis = (): SpeechSynthesis | null => ('speechSynthesis' in window ? window.speechSynthesis : null);

/** The platform's first voice for the language (zh, en), or null when it has none. */
function voiceFor(language: string): SpeechSynthesisVoice | null {
  const voices = synthesis()?.getVoices() ?? [];
  return voices.find((voice) => voice.lang.toLowerCase().replace('_', '-').startsWith(language)) ?? null;
}

/**
 * Says the text and returns at once. What is still being said is cut short: the newest person is what the
 * clerk needs to hear, and speech must never fall behind the scans.
 */
export function speak(text: string, language: string): boolean {
  const voice = voiceFor(language);
  const speech = synthesis();
  if (!voice || !speech) return false;
  speech.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 1.2;
  speech.speak(utterance);
  return true;
}

// The platform loads its voices after the page starts and tells of them with `voiceschanged`.
function onVoicesChanged(notify: () => void): () => void {
  const speech = synthesis();
  speech?.addEventListener('voiceschanged', notify);
  return () => speech?.removeEventListener('voiceschanged', notify);
}

/** The name of the voice the platform has for the language, or null: the desk's settings say which. */
export function useVoiceName(language: string): string | null {
  return useSyncExternalStore(onVoicesChanged, () => voiceFor(language)?.name ?? null);
}
