// The desk's own settings, read when the window opens and saved as the clerk changes them.
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../src-main/core/contract';
import { DEFAULT_DESK_SETTINGS } from '../../src-main/core/domain/deskSettings';
import { bridge } from '../shared/bridge';

export type DeskSettings = Output<'clerk.deskSettings'>;

export function useDeskSettings() {
  const [settings, setSettings] = useState<DeskSettings>(DEFAULT_DESK_SETTINGS);
  useEffect(() => {
    void bridge.call('clerk.deskSettings', {}).then((result) => result.ok && setSettings(result.value));
  }, []);
  // Shown at once, so that arrow keys go on from the choice just made; a save the core refused is undone.
  const save = useCallback(
    (next: DeskSettings) => {
      const previous = settings;
      setSettings(next);
      void bridge.call('clerk.saveDeskSettings', next).then((result) => setSettings(result.ok ? result.value : previous));
    },
    [settings],
  );
  return { settings, save };
}
