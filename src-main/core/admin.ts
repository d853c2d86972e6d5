// What support and automation do with a station's data, outside any window: exports, audit verification,
// backups, adding operators. Used by the headless commands (npm run cli) and by the station's backup schedule.
import type { Db } from './db/database';
import { verifyAudit } from './facts/audit';
import type { RecordFact } from './facts/record';
import type { OperatorChanges, Operators } from './operators/operators';
import { exportRows } from './export/registrations';
import { backupTo, rotateBackups, scheduleBackups } from './maintenance/backup';
import { createRetention } from './maintenance/retention';
import type { Clock } from './clock';
import { readSiteSettings } from './site/settings';
import { logError } from './maintenance/log';

export interface ExportRequest {
  format: 'csv' | 'xlsx';
  day: string;
  out: string;
  /** Unmasked ID numbers, names and phones: recorded in the audit trail before anything is written. */
  full: boolean;
  actor: string;
}

export function createAdmin(db: Db, openReader: () => Db, record: RecordFact, operators: Operators, clock: Clock) {
  const purgeExpired = createRetention(db, clock, record);

  /**
   * Purges what the retention setting says has expired; when anything went, the backups that still held it are
   * replaced by one written after the purge. Returns how many registrations were purged.
   */
  async function purge(backupDir: string | null, actor: string): Promise<number> {
    const purged = await purgeExpired(actor);
    if (purged > 0 && backupDir !== null) await rotateBackups(db, backupDir, 1);
    return purged;
  }

  return {
    /** Whoever runs the command has the database file in hand: the trail names the command, not a window. */
    saveOperator: (changes: OperatorChanges, actor: string) => operators.save(changes, actor),
    async exportDay(request: ExportRequest): Promise<number> {
      if (request.full) {
        const { format, day, out } = request;
        db.transaction(() => record({ kind: 'export.full', subject: day, actor: request.actor, data: { format, day, out } }))();
      }
      // A connection of its own: the export streams for a while and must not hold the station's connection busy.
      const reader = openReader();
      try {
        const rows = exportRows(reader, request.day, request.full);
        // The writers load on first use: exceljs alone would add a fifth of a second to every start.
        if (request.format === 'csv') return await (await import('./export/writeCsv')).writeCsv(rows, request.out);
        return await (await import('./export/writeXlsx')).writeXlsx(rows, request.out, request.day);
      } finally {
        reader.close();
      }
    },
    verifyAudit: () => verifyAudit(db),
    /** How many clerk desks the site's settings give this station, for its launch. */
    desks: () => readSiteSettings(db).desks,
    /** Caps (or, with a larger number, frees) the database's size in pages: see CoreOptions.maxPages. */
    setMaxPages: (pages: number) => db.pragma(`max_page_count = ${Math.floor(pages)}`, { simple: true }) as number,
    backup: (file: string) => backupTo(db, file),
    scheduleBackups: (dir: string, intervalMs: number, keep: number) => scheduleBackups(db, dir, intervalMs, keep),
    purge,
    /** Purges soon after the start (a station may have been off for days), then every `intervalMs`. */
    schedulePurges(backupDir: string, intervalMs: number): () => void {
      const run = () =>
        purge(backupDir, 'retention').catch((error: unknown) => logError(`Retention purge failed: ${(error as Error).message}`));
      const first = setTimeout(() => void run(), 0);
      const timer = setInterval(() => void run(), intervalMs);
      timer.unref();
      return () => {
        clearTimeout(first);
        clearInterval(timer);
      };
    },
  };
}
