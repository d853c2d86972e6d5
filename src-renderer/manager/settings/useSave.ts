// Saving a part of the settings: the core validates the whole and either keeps it or says what is wrong.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import type { Settings } from './SettingsPanel';

export function useSave(onSaved: (settings: Settings) => void) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function save(changes: Input<'site.updateSettings'>): Promise<void> {
    const result = await bridge.call('site.updateSettings', changes);
    if (result.ok) onSaved(result.value);
    setMessage(result.ok ? { ok: true, text: t('settings.saved') } : { ok: false, text: t('settings.notSaved', { message: result.error.message }) });
  }
  return { save, message };
}
