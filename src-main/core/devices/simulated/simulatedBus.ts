// The simulated USB bus behind --simulate: port providers the device hub uses exactly as it uses node-hid and
// serialport, and the controls the /sim endpoints call: deliver reports, place a card, unplug, plug.
import { listenerSet } from '../ports/listeners';
import type { Transport } from '../../domain/devices';
import type { DevicePort, PortProvider } from '../ports/port';
import { createCardReaderSim } from './cardReaderSim';
import type { SimulatedDevice } from './catalogue';

export type SimulationError = 'unknown-device' | 'unplugged' | 'not-open' | 'bad-card';

interface Plugged {
  device: SimulatedDevice;
  plugged: boolean;
  port: OpenPort | null;
  reader: ReturnType<typeof createCardReaderSim> | null;
}

interface OpenPort extends DevicePort {
  emitData(bytes: Uint8Array): void;
  emitError(error: Error): void;
}

/** A real device hands reports to the driver one at a time, never in one synchronous burst. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createSimulatedBus(devices: readonly SimulatedDevice[]) {
  const slots = new Map<string, Plugged>(
    devices.map((device) => [
      device.id,
      { device, plugged: true, port: null, reader: device.kind === 'card-reader' ? createCardReaderSim() : null },
    ]),
  );

  function openPort(slot: Plugged): OpenPort {
    const data = listenerSet<Uint8Array>();
    const errors = listenerSet<Error>();
    const port: OpenPort = {
      info: slot.device.info,
      async write(bytes) {
        if (slot.port !== port) throw new Error('the device is gone');
        const answer = slot.reader?.answer(bytes);
        if (!answer) return;
        // Serial readers deliver a frame in pieces: split it so the driver's reassembly is exercised.
        const cut = Math.min(answer.length, 1 + (answer.length >> 1));
        void nextTurn().then(async () => {
          port.emitData(answer.subarray(0, cut));
          await nextTurn();
          if (cut < answer.length) port.emitData(answer.subarray(cut));
        });
      },
      onData: data.add,
      onError: errors.add,
      async close() {
        if (slot.port === port) slot.port = null;
        data.clear();
        errors.clear();
      },
      emitData(bytes) {
        if (slot.port === port) data.emit(bytes);
      },
      emitError: (error) => errors.emit(error),
    };
    return port;
  }

  function provider(transport: Transport): PortProvider {
    return {
      transport,
      list: async () =>
        [...slots.values()].filter((s) => s.plugged && s.device.info.transport === transport).map((s) => s.device.info),
      async open(info) {
        const slot = [...slots.values()].find((s) => s.device.info.path === info.path);
        if (!slot || !slot.plugged) throw new Error(`no device at ${info.path}`);
        if (slot.port) throw new Error(`${info.path} is already open`);
        slot.port = openPort(slot);
        return slot.port;
      },
    };
  }

  function find(id: string): Plugged | SimulationError {
    const slot = slots.get(id);
    if (!slot) return 'unknown-device';
    return slot;
  }

  return {
    providers: [provider('hid'), provider('serial')] as const,

    list: () =>
      [...slots.values()].map(({ device, plugged, port }) => ({
        id: device.id,
        kind: device.kind,
        protocol: device.protocol,
        desk: device.desk,
        plugged,
        open: port !== null,
      })),

    /**
     * A scanner emits each report (or serial chunk) in order; a card reader takes one 256-byte text block as a
     * card placed on it. Resolves once everything was handed to the driver.
     */
    async deliver(id: string, lines: readonly Uint8Array[]): Promise<SimulationError | null> {
      const slot = find(id);
      if (typeof slot === 'string') return slot;
      if (!slot.plugged) return 'unplugged';
      if (slot.reader) {
        if (lines.length !== 1 || lines[0].length !== 256) return 'bad-card';
        slot.reader.place(lines[0]);
        return null;
      }
      if (!slot.port) return 'not-open';
      for (const line of lines) {
        await nextTurn();
        slot.port?.emitData(line);
      }
      return null;
    },

    unplug(id: string): SimulationError | null {
      const slot = find(id);
      if (typeof slot === 'string') return slot;
      slot.plugged = false;
      const port = slot.port;
      slot.port = null;
      port?.emitError(new Error('device disconnected'));
      return null;
    },

    plug(id: string): SimulationError | null {
      const slot = find(id);
      if (typeof slot === 'string') return slot;
      slot.plugged = true;
      return null;
    },
  };
}

export type SimulatedBus = ReturnType<typeof createSimulatedBus>;
