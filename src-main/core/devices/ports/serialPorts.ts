// serialport behind the port interface: the only file that imports it. USB-CDC scanners and USB-serial card
// readers; an unplug arrives as a 'close' carrying a disconnection error, or as an 'error'.
import { SerialPort } from 'serialport';
import { listenerSet } from './listeners';
import type { PortInfo } from '../../domain/devices';
import type { DevicePort, PortProvider } from './port';

// The operating system reports USB ids as hex text; a port without them (a built-in UART) is not USB.
const hexId = (text: string | undefined): number | null => (text && /^[0-9a-f]{1,4}$/i.test(text) ? parseInt(text, 16) : null);

export function createSerialPortProvider(): PortProvider {
  return {
    transport: 'serial',

    async list() {
      const ports = await SerialPort.list();
      const usb: PortInfo[] = [];
      for (const port of ports) {
        const vendorId = hexId(port.vendorId);
        const productId = hexId(port.productId);
        if (vendorId === null || productId === null) continue;
        usb.push({
          transport: 'serial',
          path: port.path,
          vendorId,
          productId,
          serialNumber: port.serialNumber || null,
          product: port.manufacturer || null,
          usagePage: null,
          usage: null,
        });
      }
      return usb;
    },

    open(info, { baudRate }) {
      return new Promise<DevicePort>((resolve, reject) => {
        const serial = new SerialPort({ path: info.path, baudRate, autoOpen: false });
        const data = listenerSet<Uint8Array>();
        const errors = listenerSet<Error>();
        let closing = false;
        serial.on('data', (chunk: Buffer) => data.emit(new Uint8Array(chunk)));
        serial.on('error', (error: Error) => errors.emit(error));
        serial.on('close', (error: Error | null) => {
          if (!closing) errors.emit(error ?? new Error('the port closed'));
        });
        const port: DevicePort = {
          info,
          write: (bytes) =>
            new Promise<void>((done, failed) => {
              serial.write(Buffer.from(bytes), (error) => (error ? failed(error) : serial.drain(() => done())));
            }),
          onData: data.add,
          onError: errors.add,
          close: () =>
            new Promise<void>((done) => {
              closing = true;
              data.clear();
              errors.clear();
              if (!serial.isOpen) return done();
              serial.close(() => done());
            }),
        };
        serial.open((error) => (error ? reject(error) : resolve(port)));
      });
    },
  };
}
