// Free space where the database lives, with a warning well before SQLite would refuse a write.
import fs from 'node:fs';

export const LOW_DISK_BYTES = 512 * 1024 * 1024;

export function diskHealth(dataDir: string, lowBelow = LOW_DISK_BYTES): { freeBytes: number; lowDisk: boolean } {
  const stats = fs.statfsSync(dataDir);
  const freeBytes = stats.bavail * stats.bsize;
  return { freeBytes, lowDisk: freeBytes < lowBelow };
}
