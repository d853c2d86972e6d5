// The one boundary between the drivers and the USB stacks. node-hid and serialport sit behind it in
// production; simulated devices sit behind it with --simulate, so every byte above it is the same code.
import type { PortInfo, Transport } from '../../domain/devices';

export interface DevicePort {
  readonly info: PortInfo;
  /** Sends bytes (a serial write, or a HID output report whose first byte is the report id). */
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes as they arrive: one HID input report per call, or whatever a serial read returned. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** The device failed or was unplugged; the port is dead after this. */
  onError(listener: (error: Error) => void): () => void;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Serial only: the line speed the device profile names. */
  baudRate: number;
}

export interface PortProvider {
  readonly transport: Transport;
  list(): Promise<PortInfo[]>;
  open(info: PortInfo, options: OpenOptions): Promise<DevicePort>;
}

/** Same vendor, product and serial number: how a returning device is recognised after a re-plug. */
export function deviceIdentity(info: PortInfo): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${info.transport}:${hex(info.vendorId)}:${hex(info.productId)}:${info.serialNumber ?? info.path}`;
}
