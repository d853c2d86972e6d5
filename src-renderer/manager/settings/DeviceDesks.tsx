// Every device the station sees: its model and port, the manager's name for it, and which desk it feeds.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GUIDE_DESK } from '../../../src-main/core/contract/names';
import { DEVICE_NAME_MAX, deviceNameSchema } from '../../../src-main/core/domain/devices';
import { FieldProblem } from '../../shared/FieldProblem';
import { useLiveValue } from '../../shared/useBridge';
import { SaveMessage } from './SaveMessage';
import type { Settings } from './SettingsPanel';
import { useSave } from './useSave';

const DESKS = ['1', '2', '3', '4'];

export function DeviceDesks({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { t } = useTranslation();
  const { value: devices } = useLiveValue('site.devices', 'site.devices');
  const { save, message, placed } = useSave(onSaved, ['deviceAssignments', 'deviceNames']);
  const [problem, setProblem] = useState<string | null>(null);
  const assigned = (device: string) => settings.deviceAssignments.find((a) => a.device === device)?.desk ?? null;
  const named = (device: string) => settings.deviceNames.find((n) => n.device === device)?.name ?? '';

  function assign(device: string, desk: string | null): void {
    const others = settings.deviceAssignments.filter((a) => a.device !== device);
    void save({ deviceAssignments: [...others, { device, desk }] });
  }

  /** Keeps the name as typed (trimmed), or drops it when emptied; a name the core would refuse is said here. */
  function rename(device: string, typed: string): void {
    const others = settings.deviceNames.filter((n) => n.device !== device);
    const checked = deviceNameSchema.shape.name.safeParse(typed);
    if (typed.trim() !== '' && !checked.success) {
      setProblem(
        checked.error.issues[0].code === 'too_big'
          ? t('settings.deviceNameTooLong', { max: DEVICE_NAME_MAX })
          : t('settings.deviceNameInvisible'),
      );
      return;
    }
    setProblem(null);
    const name = checked.data ?? '';
    if (name !== named(device)) void save({ deviceNames: name === '' ? others : [...others, { device, name }] });
  }

  return (
    <section className="card settings-section">
      <h2>{t('settings.devices')}</h2>
      <p className="muted">{t('settings.devicesHelp')}</p>
      {(devices ?? []).length === 0 && <p className="muted">{t('settings.noDevices')}</p>}
      <table className="settings-table">
        <tbody>
          {(devices ?? []).map((device) => (
            <tr key={device.id}>
              <td>{device.defaultLabel}</td>
              <td>
                <input
                  // A new input once the name is saved, so it shows the name as kept.
                  key={named(device.id)}
                  data-testid={`device-name-${device.id}`}
                  aria-label={t('settings.deviceName')}
                  defaultValue={named(device.id)}
                  placeholder={device.defaultLabel}
                  onBlur={(e) => rename(device.id, e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') e.currentTarget.blur();
                  }}
                />
              </td>
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
      {problem && (
        <p className="setting-error" role="alert" data-testid="device-name-problem">
          {problem}
        </p>
      )}
      <FieldProblem placed={placed} field="deviceNames" />
      <FieldProblem placed={placed} field="deviceAssignments" />
      <SaveMessage message={message} />
    </section>
  );
}
