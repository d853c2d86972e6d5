// Device profiles (their shape is in domain/devices.ts): which protocol a USB device speaks, by vendor and product
// id. The vendor differences live here as data, so each protocol keeps one parser. Sites add their own in
// settings; those are tried first.
import type { DeviceProfile, Protocol } from '../domain/devices';
import type { PortInfo } from '../domain/devices';

const TRANSPORT_OF: Record<Protocol, 'hid' | 'serial'> = {
  'hid-pos': 'hid',
  'boot-keyboard': 'hid',
  'serial-scanner': 'serial',
  // HID card readers carry the same frames in vendor reports; only the USB-serial kind is supported so far.
  'sam-reader': 'serial',
};

/** What a profile leaves at the usual values: any product, any usage page, the common settings. */
export const PROFILE_DEFAULTS = {
  productId: null,
  usagePage: null,
  hidPosLayout: 'honeywell',
  serialSuffix: 'CR',
  altCodes: 'unicode',
  baudRate: 115200,
} as const;

/**
 * Shipped profiles. Keyboard-mode scanners are deliberately absent: the system also types their keys into the
 * focused window, so reading them raw as well would double every scan; a manager may still assign one.
 * Generic USB-serial bridges (CH340, PL2303, CP210x) are absent too: a scanner and a card reader may share one.
 */
export const SHIPPED_PROFILES: readonly DeviceProfile[] = [
  { ...PROFILE_DEFAULTS, name: 'Honeywell HID-POS scanner', vendorId: 0x0c2e, usagePage: 0x8c, protocol: 'hid-pos' },
  { ...PROFILE_DEFAULTS, name: 'Honeywell USB-serial scanner', vendorId: 0x0c2e, protocol: 'serial-scanner' },
  {
    ...PROFILE_DEFAULTS,
    name: 'Newland HID-POS scanner',
    vendorId: 0x1eab,
    usagePage: 0x8c,
    protocol: 'hid-pos',
    hidPosLayout: 'newland',
  },
];

/** The HID-POS usage page: any scanner that presents it speaks HID-POS, whoever made it. */
const HID_POS_PAGE = 0x8c;

export function kindOf(protocol: Protocol): 'scanner' | 'card-reader' {
  return protocol === 'sam-reader' ? 'card-reader' : 'scanner';
}

function matches(profile: DeviceProfile, info: PortInfo): boolean {
  return (
    TRANSPORT_OF[profile.protocol] === info.transport &&
    profile.vendorId === info.vendorId &&
    (profile.productId === null || profile.productId === info.productId) &&
    (profile.usagePage === null || profile.usagePage === info.usagePage)
  );
}

/** The site's own profiles first, then the shipped ones, then any HID-POS collection in the Honeywell layout. */
export function profileFor(info: PortInfo, siteProfiles: readonly DeviceProfile[]): DeviceProfile | null {
  const found = [...siteProfiles, ...SHIPPED_PROFILES].find((profile) => matches(profile, info));
  if (found) return found;
  if (info.transport === 'hid' && info.usagePage === HID_POS_PAGE) {
    return { ...PROFILE_DEFAULTS, name: 'HID-POS scanner', vendorId: info.vendorId, usagePage: HID_POS_PAGE, protocol: 'hid-pos' };
  }
  return null;
}
