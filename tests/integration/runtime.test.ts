// The one start-and-stop routine: what stops in which order, and a stop asked for halfway through the start.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/core';
import { createRuntime, StopRequested } from '../../src-main/runtime';
import { tempDir } from '../fixtures/tempCore';

let dataDir: string;
beforeEach(() => {
  dataDir = tempDir('swabdesk-runtime-');
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const wal = () => path.join(dataDir, `${DATABASE_FILE}-wal`);

describe('the station runtime', () => {
  it('stops what takes input, then the uploader, then the background work (backups, purges), then the core', async () => {
    const runtime = createRuntime();
    const order: string[] = [];
    const started = await runtime.start(
      {
        dataDir,
        simulate: true,
        prepare: (core) => {
          // Each stop is noted as it happens; the real one still runs.
          // (Closing the core stops the background work too, in case nobody did: only the first stop counts here.)
          const wrap = (name: string, stop: () => unknown) => () => {
            if (!order.includes(name)) order.push(name);
            return stop();
          };
          const stopBackgroundWork = core.admin.stopBackgroundWork;
          core.admin.stopBackgroundWork = wrap('background', stopBackgroundWork) as () => Promise<void>;
          const { stop: stopUploader } = core.uploader;
          core.uploader.stop = wrap('uploader', stopUploader) as () => Promise<void>;
          const close = core.close;
          core.close = wrap('core', close) as () => void;
        },
      },
      ({ devices }) => {
        const stopDevices = devices.stop;
        devices.stop = async () => {
          order.push('devices');
          await stopDevices();
        };
        return { close: () => order.push('server') };
      },
    );
    expect(started.windows.map((window) => window.id)).toEqual(['clerk-1', 'manager', 'guide']);
    await runtime.stop();
    // Within a stage the order is free; between stages it is fixed.
    expect(new Set(order.slice(0, 2))).toEqual(new Set(['devices', 'server']));
    expect(order.slice(2)).toEqual(['uploader', 'background', 'core']);
    expect(fs.existsSync(wal())).toBe(false);
  });

  it('asked to stop while it starts, finishes the step it is in, opens nothing more and closes what it opened', async () => {
    const runtime = createRuntime();
    const attach = vi.fn(() => ({ close: () => undefined }));
    let uploaderStarted = false;
    const starting = runtime.start(
      {
        dataDir,
        simulate: true,
        prepare: (core) => {
          const start = core.uploader.start;
          core.uploader.start = () => {
            uploaderStarted = true;
            start();
          };
        },
      },
      attach,
    );
    // The core is open and the devices are being launched when the stop comes.
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
    const stopped = runtime.stop();
    await expect(starting).rejects.toBeInstanceOf(StopRequested);
    await stopped;
    expect(uploaderStarted).toBe(false);
    expect(attach).not.toHaveBeenCalled();
    expect(fs.existsSync(wal())).toBe(false);
    await expect(runtime.start({ dataDir, simulate: false })).rejects.toBeInstanceOf(StopRequested);
  });

  it('stops once, however often it is asked', async () => {
    const runtime = createRuntime();
    const { core } = await runtime.start({ dataDir, simulate: false });
    const close = vi.spyOn(core, 'close');
    await Promise.all([runtime.stop(), runtime.stop()]);
    await runtime.stop();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
