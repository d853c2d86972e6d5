// Free space where the database lives, with a warning well before SQLite would refuse a write.
import fs from 'node:fs';
import { z } from 'zod';

export const LOW_DISK_BYTES = 512 * 1024 * 1024;

export const healthSchema = z.object({
  freeBytes: z.number(),
  /** Below the warning threshold: the windows tell the manager to free space before the disk is full. */
  lowDisk: z.boolean(),
});

export function diskHealth(dataDir: string, lowBelow = LOW_DISK_BYTES): z.output<typeof healthSchema> {
  const stats = fs.statfsSync(dataDir);
  const freeBytes = stats.bavail * stats.bsize;
  return { freeBytes, lowDisk: freeBytes < lowBelow };
}
