// Saving a part of the settings: the core validates the whole and either keeps it or says what is wrong, each problem
// beside the field it concerns.
import { useState } from 'react';
import type { Input } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { failureWords, NOTHING_PLACED, placeFailure, type Placed, type Words } from '../../shared/problems';
import type { Settings } from './SettingsPanel';

export type SaveMessageState = { ok: boolean; words: Words } | null;

export const SAVED: Words = { key: 'settings.saved' };

export function useSave(onSaved: (settings: Settings) => void, fields: readonly string[]) {
  const [message, setMessage] = useState<SaveMessageState>(null);
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);

  function show(next: Placed): void {
    setPlaced(next);
    setMessage(next.general ? { ok: false, words: next.general } : null);
  }

  async function save(changes: Input<'site.updateSettings'>): Promise<void> {
    const result = await bridge.call('site.updateSettings', changes);
    if (!result.ok) return show(placeFailure(result.error, fields));
    onSaved(result.value);
    setPlaced(NOTHING_PLACED);
    setMessage({ ok: true, words: SAVED });
  }

  /** Problems the form found itself: nothing was sent. */
  const refuse = (problems: Record<string, Words>) => show({ fields: problems, general: failureWords({ code: 'invalid-input' }) });

  return { save, refuse, message, placed };
}
