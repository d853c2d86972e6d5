// node-hid behind the port interface: the only file that imports it. HIDAsync reads on libuv's pool, so a
// report never blocks the main thread; an 'error' event is what an unplug looks like.
import HID from 'node-hid';
import { listenerSet } from './listeners';
import type { PortInfo } from '../../domain/devices';
import type { DevicePort, PortProvider } from './port';

function portInfo(device: HID.Device & { path: string }): PortInfo {
  return {
    transport: 'hid',
    path: device.path,
    vendorId: device.vendorId,
    productId: device.productId,
    serialNumber: device.serialNumber || null,
    product: device.product || null,
    usagePage: device.usagePage ?? null,
    usage: device.usage ?? null,
  };
}

export function createHidPortProvider(): PortProvider {
  return {
    transport: 'hid',

    async list() {
      const devices = await HID.devicesAsync();
      return devices.filter((d): d is HID.Device & { path: string } => typeof d.path === 'string').map(portInfo);
    },

    async open(info) {
      // Shared access: on macOS a keyboard-class scanner would otherwise be taken from the whole system.
      const device = await HID.HIDAsync.open(info.path, { nonExclusive: true });
      const data = listenerSet<Uint8Array>();
      const errors = listenerSet<Error>();
      let open = true;
      device.on('data', (report: Buffer) => data.emit(new Uint8Array(report)));
      device.on('error', (error: Error) => {
        open = false;
        errors.emit(error);
      });
      const port: DevicePort = {
        info,
        async write(bytes) {
          await device.write(Buffer.from(bytes));
        },
        onData: data.add,
        onError: errors.add,
        async close() {
          data.clear();
          errors.clear();
          if (!open) return;
          open = false;
          await device.close();
        },
      };
      return port;
    },
  };
}
