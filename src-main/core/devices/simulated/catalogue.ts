// The devices `--simulate` plugs in: two scanners and a card reader per desk, on a made-up vendor id, and the
// profiles that bind them. Each speaks its protocol byte for byte at the port boundary.
import type { DeviceAssignment, DeviceProfile, Protocol } from '../../domain/devices';
import { PROFILE_DEFAULTS } from '../profiles';
import type { PortInfo } from '../../domain/devices';
import { deviceIdentity } from '../ports/port';
import { GUIDE_DESK } from '../../stationWindows';

/** Not a vendor id any real device uses (0x5344 = "SD"), so a simulated profile never claims real hardware. */
export const SIMULATED_VENDOR = 0x5344;

export interface SimulatedDevice {
  id: string;
  kind: 'scanner' | 'card-reader';
  protocol: Protocol;
  desk: string;
  info: PortInfo;
}

const PRODUCTS: Record<Protocol, number> = { 'hid-pos': 0x0001, 'boot-keyboard': 0x0002, 'serial-scanner': 0x0003, 'sam-reader': 0x0101 };
const NAMES: Record<Protocol, string> = {
  'hid-pos': 'HID-POS scanner (simulated)',
  'boot-keyboard': 'Keyboard-mode scanner (simulated)',
  'serial-scanner': 'Serial scanner (simulated)',
  'sam-reader': 'ID-card reader (simulated)',
};

type Slot = [id: string, protocol: Protocol, desk: string];

const isHid = (protocol: Protocol) => protocol === 'hid-pos' || protocol === 'boot-keyboard';

/** `port`: the device's place among those of its transport, numbered from 0 as the operating system numbers ports. */
function simulated([id, protocol, desk]: Slot, port: number): SimulatedDevice {
  const hid = isHid(protocol);
  return {
    id,
    kind: protocol === 'sam-reader' ? 'card-reader' : 'scanner',
    protocol,
    desk,
    info: {
      transport: hid ? 'hid' : 'serial',
      path: hid ? `/dev/simhid${port}` : `/dev/simtty${port}`,
      vendorId: SIMULATED_VENDOR,
      productId: PRODUCTS[protocol],
      serialNumber: `SIM-${id.toUpperCase()}`,
      product: NAMES[protocol],
      usagePage: protocol === 'hid-pos' ? 0x8c : hid ? 0x01 : null,
      usage: protocol === 'hid-pos' ? 0x02 : hid ? 0x06 : null,
    },
  };
}

/**
 * Per desk: a HID-POS scanner and a card reader; desk 1 also has a serial scanner and a keyboard-mode one; and a
 * card reader at the pre-registration window when the station has one.
 */
export function simulatedDevices(desks: readonly string[], guide = false): SimulatedDevice[] {
  const slots = desks.flatMap((desk): Slot[] => [
    [`scanner-${desk}`, 'hid-pos', desk],
    [`reader-${desk}`, 'sam-reader', desk],
    ...(desk === '1'
      ? ([
          ['serial-scanner-1', 'serial-scanner', desk],
          ['keyboard-scanner-1', 'boot-keyboard', desk],
        ] satisfies Slot[])
      : []),
  ]);
  if (guide) slots.push(['reader-guide', 'sam-reader', GUIDE_DESK]);
  const ports = { hid: 0, serial: 0 };
  return slots.map((slot) => simulated(slot, isHid(slot[1]) ? ports.hid++ : ports.serial++));
}

export const SIMULATED_PROFILES: readonly DeviceProfile[] = (Object.keys(PRODUCTS) as Protocol[]).map((protocol) => ({
  ...PROFILE_DEFAULTS,
  name: NAMES[protocol],
  vendorId: SIMULATED_VENDOR,
  productId: PRODUCTS[protocol],
  protocol,
}));

/** Each simulated device bound to its desk, as the site's settings would bind a real one. */
export function simulatedAssignments(devices: readonly SimulatedDevice[]): DeviceAssignment[] {
  return devices.map((device) => ({ device: deviceIdentity(device.info), desk: device.desk }));
}
