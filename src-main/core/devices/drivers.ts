// One driver per protocol: it feeds a port's bytes to that protocol's decoder and hands up finished scans and
// card reads. Stopping a driver drops whatever partial report or frame it held.
import type { CardText, DeviceProfile, DeviceReading } from '../domain/devices';
import type { DevicePort } from './ports/port';
import { createHidPosDecoder } from './scanner/hidPos';
import { createBootKeyboardDecoder } from './scanner/bootKeyboard';
import { createSerialFramer } from './scanner/serialFraming';
import { startCardReader } from './cardReader/readLoop';
import type { DecodeResult } from './events';

export interface DriverEvents {
  reading(reading: DeviceReading): void;
  /** A problem the device reports (a reader's SAM failing), or null once it works again. */
  problem(problem: string | null): void;
  noise(): void;
}

export interface Driver {
  stop(): void;
}

// A suffix that never comes (a scanner set to the wrong suffix, a cable pulled mid-scan) flushes after this.
const SERIAL_FLUSH_MS = 300;

function passOn(results: DecodeResult[], events: DriverEvents): void {
  for (const result of results) {
    if (result.kind === 'scan') events.reading({ kind: 'scan', text: result.text, symbology: result.symbology });
    else events.noise();
  }
}

export function attachDriver(port: DevicePort, profile: DeviceProfile, events: DriverEvents): Driver {
  switch (profile.protocol) {
    case 'hid-pos':
    case 'boot-keyboard': {
      const decoder =
        profile.protocol === 'hid-pos'
          ? createHidPosDecoder(profile.hidPosLayout)
          : createBootKeyboardDecoder({ altCodes: profile.altCodes });
      const off = port.onData((report) => passOn(decoder.push(report), events));
      return {
        stop() {
          off();
          decoder.reset();
        },
      };
    }
    case 'serial-scanner': {
      const framer = createSerialFramer({ suffix: profile.serialSuffix, timeoutMs: SERIAL_FLUSH_MS });
      const off = port.onData((bytes) => passOn(framer.push(bytes, Date.now()), events));
      const flush = setInterval(() => passOn(framer.poll(Date.now()), events), SERIAL_FLUSH_MS / 3);
      return {
        stop() {
          off();
          clearInterval(flush);
          framer.reset();
        },
      };
    }
    case 'sam-reader': {
      const reader = startCardReader(port, {
        card: (card: CardText) => events.reading({ kind: 'card', card }),
        status: (problem) => events.problem(problem),
      });
      return { stop: () => reader.stop() };
    }
  }
}
