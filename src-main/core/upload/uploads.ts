// Uploading as the station runs it: the outbox queue, the upload settings and the uploader together, and what the
// manager sees of them (backlog, held facts, last success and error, send rate).
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { backlogSchema, createBacklog } from '../facts/backlog';
import type { RecordFact } from '../facts/record';
import { readSiteSettings } from '../site/settings';
import type { BackoffPolicy } from './backoff';
import { createOutboxQueue, heldFactSchema, lastAttemptsSchema } from './outboxQueue';
import type { Sender } from './outboxFact';
import { createUploader, uploaderStatusSchema } from './uploader';
import { createUploadSettings, uploadFieldsSchema, type UploadSettings } from './uploadSettings';

/** For tests and benches: how long a request may take and how the uploader backs off. */
export interface UploadTuning {
  timeoutMs?: number;
  backoff?: BackoffPolicy;
}

/** The held list shows this many facts at most; the count says how many there are. */
export const HELD_SHOWN = 200;

/** Uploading as the manager sees it: the uploader's state, where it sends, what waits, what is held, how it went. */
export const uploadStatusSchema = uploaderStatusSchema.extend({
  endpoint: z.string(),
  adapter: uploadFieldsSchema.shape.adapter,
  backlog: backlogSchema,
  held: z.number().int(),
  ...lastAttemptsSchema.shape,
});
type UploadStatus = z.output<typeof uploadStatusSchema>;

export const heldFactsSchema = z.object({ count: z.number().int(), facts: z.array(heldFactSchema) });
type HeldFacts = z.output<typeof heldFactsSchema>;

export function createUploads(db: Db, clock: Clock, record: RecordFact, changed: () => void, tuning: UploadTuning = {}) {
  const queue = createOutboxQueue(db, clock);
  const settings = createUploadSettings(db, record);
  const backlog = createBacklog(db);
  const stationId = db.prepare<[], string>('SELECT id FROM site').pluck();
  const sender = (batchSize: number): Sender => {
    const site = readSiteSettings(db);
    const left = backlog.behind(batchSize);
    return {
      siteCode: site.siteCode,
      siteName: site.siteName,
      stationId: stationId.get() ?? '',
      backlog: { waiting: left.count, oldestAt: left.oldestAt, measuredAt: clock().toISOString() },
    };
  };
  const uploader = createUploader({ queue, settings, sender, clock, changed, ...tuning });

  return {
    uploader,

    status(): UploadStatus {
      const { endpoint, adapter } = settings.settings();
      return { ...uploader.status(), endpoint, adapter, backlog: backlog.read(), held: queue.heldCount(), ...queue.lastAttempts() };
    },

    held: (): HeldFacts => ({ count: queue.heldCount(), facts: queue.held(HELD_SHOWN) }),

    /** Held facts back into the queue (all when no keys are given), recorded in the trail, and sent at once. */
    release(factIds: readonly string[] | undefined, actor: string): number {
      const released = db
        .transaction(() => {
          const count = queue.release(factIds);
          if (count > 0) record({ kind: 'upload.released', subject: 'outbox', actor, data: { count, factIds: factIds ?? 'all' } });
          return count;
        })
        .immediate();
      if (released > 0) uploader.sendNow();
      return released;
    },

    settingsView: settings.view,

    save(changes: Partial<UploadSettings>, token: string | undefined, actor: string) {
      const outcome = settings.save(changes, token, actor);
      // New settings are tried at once: an uploader waiting out a halt or a backoff goes again.
      if (outcome.result === 'saved') uploader.sendNow();
      return outcome;
    },
  };
}
