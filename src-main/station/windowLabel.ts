// The windows as the terminal names them, in both of the windows' languages, from the windows' own catalogues.
import type { StationWindow } from '../core/stationWindows';
import en from '../../src-renderer/shared/locales/en.json';
import zh from '../../src-renderer/shared/locales/zh.json';

/** A window as the terminal names it, in both of the windows' languages: "Clerk, desk 1 / 登记员，1 号台". */
export function windowLabel(window: StationWindow | 'simulatedDevices'): string {
  const name = (catalogue: typeof en) => {
    if (window === 'simulatedDevices') return catalogue.windows.simulatedDevices;
    return catalogue.windows[window.role].replace('{{desk}}', window.desk ?? '');
  };
  return `${name(en)} / ${name(zh)}`;
}
