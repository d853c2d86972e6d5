// This desk's scanners and card readers, each by its name and with its state, so an unplugged device is seen at
// once, and which one it is when a desk has two of a kind.
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../src-main/core/contract';
import './devices.css';

type DeviceState = EventPayload<'desk.devices'>[number];

export function DeviceStrip({ devices }: { devices: readonly DeviceState[] }) {
  const { t } = useTranslation();
  if (devices.length === 0) return <div className="devices devices-none">{t('devices.none')}</div>;
  return (
    <ul className="devices" aria-label={t('devices.label')}>
      {devices.map((device) => (
        <li key={device.id} className={`device device-${device.status}`} data-device={device.id}>
          <span className="device-kind">{t(`devices.kind.${device.kind}`)}</span>
          <span className="device-name">{device.label}</span>
          <span className="device-status">{t(`devices.status.${device.status}`)}</span>
          {device.problem && <span className="device-problem">{t(`devices.problem.${device.problem}`, { defaultValue: device.problem })}</span>}
        </li>
      ))}
    </ul>
  );
}
