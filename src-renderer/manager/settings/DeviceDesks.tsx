// Which desk each scanner and card reader feeds: every device the station sees, with a choice of desk.
import { useTranslation } from 'react-i18next';
import { GUIDE_DESK } from '../../../src-main/core/contract/names';
import { useLiveValue } from '../../shared/useBridge';
import { SaveMessage } from './SaveMessage';
import type { Settings } from './SettingsPanel';
import { useSave } from './useSave';

const DESKS = ['1', '2', '3', '4'];

export function DeviceDesks({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { t } = useTranslation();
  const { value: devices } = useLiveValue('site.devices', 'site.devices');
  const { save, message } = useSave(onSaved);
  const assigned = (device: string) => settings.deviceAssignments.find((a) => a.device === device)?.desk ?? null;

  function assign(device: string, desk: string | null): void {
    const others = settings.deviceAssignments.filter((a) => a.device !== device);
    void save({ deviceAssignments: [...others, { device, desk }] });
  }

  return (
    <section className="card settings-section">
      <h2>{t('settings.devices')}</h2>
      {(devices ?? []).length === 0 && <p className="muted">{t('settings.noDevices')}</p>}
      <table className="settings-table">
        <tbody>
          {(devices ?? []).map((device) => (
            <tr key={device.id}>
              <td>{device.label}</td>
              <td className="muted">{t(`devices.kind.${device.kind}`)}</td>
              <td>{t(`devices.status.${device.status}`)}</td>
              {/* What a scanner sent that nobody could read, since it was plugged in: its mode or profile is wrong. */}
              <td data-testid={`device-not-understood-${device.id}`}>
                {device.kind === 'scanner' && (
                  <span className={device.noise === 0 ? 'muted' : 'setting-error'} title={t('settings.notUnderstoodHelp')}>
                    {t('settings.notUnderstood', { count: device.noise })}
                  </span>
                )}
              </td>
              <td>
                <select
                  data-testid={`device-desk-${device.id}`}
                  value={assigned(device.id) ?? device.desk ?? ''}
                  onChange={(e) => assign(device.id, e.currentTarget.value === '' ? null : e.currentTarget.value)}
                >
                  <option value="">{t('settings.notUsed')}</option>
                  {DESKS.map((desk) => (
                    <option key={desk} value={desk}>
                      {t('live.desk', { desk })}
                    </option>
                  ))}
                  <option value={GUIDE_DESK}>{t('guide.title')}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SaveMessage message={message} />
    </section>
  );
}
