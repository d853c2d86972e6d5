// What a device is called until the manager names it: its model and the port it is on, so two of one model differ.
import { describe, expect, it } from 'vitest';
import { defaultDeviceLabel } from '../../../src-main/core/devices/hub';
import { SHIPPED_PROFILES } from '../../../src-main/core/devices/profiles';
import { DEVICE_LABEL_MAX, deviceStateSchema, type PortInfo } from '../../../src-main/core/domain/devices';

const honeywell: PortInfo = {
  transport: 'hid',
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  serialNumber: '21034B0044',
  product: 'Honeywell 1900',
  usagePage: 0x8c,
  usage: 0x02,
};
const serial: PortInfo = { ...honeywell, transport: 'serial', path: 'COM3', product: null, usagePage: null, usage: null };

describe('the default name of a device', () => {
  it("is the profile's model and the port", () => {
    expect(defaultDeviceLabel(honeywell, SHIPPED_PROFILES[0])).toBe('Honeywell HID-POS scanner · /dev/hidraw3');
  });

  it('tells two scanners of one model apart by their ports', () => {
    const other = { ...honeywell, path: '/dev/hidraw4', serialNumber: '21034B0045' };
    expect(defaultDeviceLabel(other, SHIPPED_PROFILES[0])).toBe('Honeywell HID-POS scanner · /dev/hidraw4');
    expect(defaultDeviceLabel(other, SHIPPED_PROFILES[0])).not.toBe(defaultDeviceLabel(honeywell, SHIPPED_PROFILES[0]));
  });

  it('is the USB product string without a profile, else the USB ids', () => {
    expect(defaultDeviceLabel(honeywell, null)).toBe('Honeywell 1900 · /dev/hidraw3');
    expect(defaultDeviceLabel(serial, null)).toBe('0c2e:0b61 · COM3');
  });

  it('fits what a device state holds, however long the product string and the path', () => {
    const long = { ...honeywell, product: 'P'.repeat(126), path: `\\\\?\\hid#vid_0c2e&pid_0b61#${'7'.repeat(150)}` };
    const label = defaultDeviceLabel(long, null);
    expect(label).toHaveLength(DEVICE_LABEL_MAX);
    expect(label.startsWith(`${'P'.repeat(126)} · \\\\?\\hid#`)).toBe(true);
    expect(deviceStateSchema.shape.label.safeParse(label).success).toBe(true);
  });
});
