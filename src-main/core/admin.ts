// What support and automation do with a station's data, outside any window: exports, audit verification,
// backups, retention, adding operators. The bulk work (backups, purges, exports, checkpoints) runs in the
// background worker, on its own connection: the desks' thread only decides what to do and when.
import type { Db } from './db/database';
import type { Background } from './background/background';
import type { z } from 'zod';
import { dayExportSchema, type DayExports } from './export/dayExport';
import { verifyAudit } from './facts/audit';
import type { OperatorChanges, Operators } from './operators/operators';
import { retentionCutoff } from './maintenance/retention';
import type { Clock } from './clock';
import { readSiteSettings } from './site/settings';
import { every } from './maintenance/schedule';
import type { Services } from './services';
import type { ColumnMapping } from './roster/rosterPerson';
import { coverageTable } from './roster/coverageFile';

/** The day's export (Chinese unless told), the file it goes to, and who asked for it. */
export type ExportRequest = z.input<typeof dayExportSchema> & { out: string; actor: string };

/** SQLite checkpoints by itself every this many WAL pages: the default, kept where no worker checkpoints instead. */
const AUTOCHECKPOINT_PAGES = 1000;

export function createAdmin(db: Db, background: Background, dayExport: DayExports, operators: Operators, roster: Services['roster'], clock: Clock) {
  /**
   * Purges what the retention setting says has expired; when anything went, the backups that still held it are
   * replaced by one written after the purge. Returns how many registrations and roster people were purged.
   */
  async function purge(backupDir: string | null, actor: string): Promise<number> {
    const now = clock();
    const cutoff = retentionCutoff(now, readSiteSettings(db).retentionDays);
    if (cutoff === null) return 0;
    const purged = await background.run({ kind: 'purge', cutoff, at: now.toISOString(), actor });
    if (purged === 0) return 0;
    // The backups still hold what went: one written now replaces them all.
    if (backupDir !== null) await background.run({ kind: 'backup', dir: backupDir, keep: 1, at: now.toISOString() });
    return purged;
  }

  /** Resolves once the worker has counted the roster for the round (the count a change of the round started, too). */
  async function recountRoster(): Promise<void> {
    await background.run({ kind: 'rosterRecount' });
  }

  const schedules = new Set<() => void>();
  /** Keeps a schedule's stop, so that stopping the background work stops every schedule too. */
  const scheduled = (stop: () => void) => {
    schedules.add(stop);
    return () => {
      schedules.delete(stop);
      stop();
    };
  };

  return {
    /** Whoever runs the command has the database file in hand: the trail names the command, not a window. */
    saveOperator: (changes: OperatorChanges, actor: string) => operators.save(changes, actor),
    exportDay: ({ out, actor, ...request }: ExportRequest): Promise<number> => dayExport.toFile(dayExportSchema.parse(request), out, actor),
    verifyAudit: () => verifyAudit(db),
    /** A ledger read as the manager window reads it; imported unless this is a dry run, which forgets it. */
    async importRoster(file: { fileName: string; bytes: Buffer }, mapping: ColumnMapping | undefined, dryRun: boolean, actor: string) {
      const preview = await roster.ledgers.openBytes(file.fileName, file.bytes, { mapping });
      if (dryRun || preview.missing.length > 0) {
        roster.ledgers.cancel(preview.fileId);
        return { preview, imported: null };
      }
      return { preview, imported: await roster.ledgers.import(preview.fileId, actor) };
    },
    /**
     * The coverage of one day as a table: the round is that day while it is read, then the round it was (a running
     * station's coverage shows the day for that moment). Each change of the round is counted in the worker, which
     * runs its jobs in order: the recount asked here ends after the one the change started.
     */
    async coverageOfDay(day: string, actor: string, language: 'zh' | 'en') {
      const before = roster.round.current();
      roster.round.set({ firstDay: day, lastDay: day }, actor);
      try {
        await recountRoster();
        return coverageTable(roster.coverage(), language);
      } finally {
        roster.round.set(before, actor);
        await recountRoster();
      }
    },
    recountRoster,
    /** How many clerk desks the site's settings give this station, for its launch. */
    desks: () => readSiteSettings(db).desks,
    /** Caps (or, with a larger number, frees) the database's size in pages: see CoreOptions.maxPages. */
    setMaxPages: (pages: number) => db.pragma(`max_page_count = ${Math.floor(pages)}`, { simple: true }) as number,
    backup: async (file: string): Promise<void> => {
      await background.run({ kind: 'backupTo', file });
    },
    /** Writes a timestamped backup into `dir` every `intervalMs` and keeps the newest `keep`. */
    scheduleBackups: (dir: string, intervalMs: number, keep: number) =>
      scheduled(every(intervalMs, `Backup to ${dir}`, () => background.run({ kind: 'backup', dir, keep, at: clock().toISOString() }))),
    purge,
    /** Puts the roster's counts in the outbox when the site switched it on and they changed; says whether it did. */
    reportCoverage: () => roster.report(),
    /** Every `intervalMs`: a round that follows today moves to a new day, and the counts are reported. */
    scheduleCoverageReports: (intervalMs: number) =>
      scheduled(
        every(intervalMs, 'Coverage report', async () => {
          roster.round.followToday();
          roster.report();
        }),
      ),
    /** Purges at once (a station may have been off for days), then every `intervalMs`. */
    schedulePurges: (backupDir: string, intervalMs: number) =>
      scheduled(every(intervalMs, 'Retention purge', () => purge(backupDir, 'retention'), true)),
    /**
     * Checkpoints in the worker every `intervalMs` instead of on the desks' thread: a checkpoint SQLite starts by
     * itself runs inside whichever commit crosses its threshold, a scan's as likely as any.
     */
    scheduleCheckpoints(intervalMs: number): () => void {
      db.pragma('wal_autocheckpoint = 0');
      const stop = every(intervalMs, 'Checkpoint', () => background.run({ kind: 'checkpoint' }));
      return scheduled(() => {
        stop();
        if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      });
    },
    /** Stops every schedule, lets the job under way finish, and ends the worker. */
    stopBackgroundWork(): Promise<void> {
      for (const stop of [...schedules]) stop();
      return background.stop();
    },
  };
}
