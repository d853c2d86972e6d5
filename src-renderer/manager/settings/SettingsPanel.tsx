// The site's settings, one section per concern: the site and its sampling rules, the personal-code formats with
// their tester, which desk each device feeds, and who may sign in.
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { CodeFormats } from './CodeFormats';
import { DeviceDesks } from './DeviceDesks';
import { GeneralSettings } from './GeneralSettings';
import { Operators } from './Operators';
import './settings.css';

export type Settings = Output<'site.settings'>;

export function SettingsPanel() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const reload = useCallback(
    () =>
      bridge.call('site.settings', {}).then((result) => {
        if (result.ok) setSettings(result.value);
      }),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  if (!settings) return null;
  return (
    <div className="settings">
      <GeneralSettings settings={settings} onSaved={setSettings} />
      <CodeFormats settings={settings} onSaved={setSettings} />
      <DeviceDesks settings={settings} onSaved={setSettings} />
      <Operators />
    </div>
  );
}
