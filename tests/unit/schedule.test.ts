// A schedule runs its work at each interval, but never piles runs up behind one still under way (a checkpoint due
// every second while the worker spends two minutes on a purge).
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { every } from '../../src-main/core/maintenance/schedule';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('skips the intervals that come while a run is under way, and runs again at the next one after it ended', async () => {
  const runs: (() => void)[] = [];
  const work = vi.fn(() => new Promise<void>((resolve) => runs.push(resolve)));
  const stop = every(1000, 'Checkpoint', work);
  await vi.advanceTimersByTimeAsync(1000);
  expect(work).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(5000);
  expect(work).toHaveBeenCalledTimes(1);
  runs[0]();
  await vi.advanceTimersByTimeAsync(1000);
  expect(work).toHaveBeenCalledTimes(2);
  stop();
  runs[1]();
  await vi.advanceTimersByTimeAsync(5000);
  expect(work).toHaveBeenCalledTimes(2);
});

it('runs again after a run that failed', async () => {
  const work = vi.fn(() => Promise.reject(new Error('the disk is full')));
  const stop = every(1000, 'Backup', work, true);
  await vi.advanceTimersByTimeAsync(0);
  expect(work).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(1000);
  expect(work).toHaveBeenCalledTimes(2);
  stop();
});
