// A large batch's answer is applied a slice at a time: each slice is its own short transaction, so a desk's scan
// can commit between two of them instead of waiting behind one long write.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/core';
import { openDatabase } from '../../src-main/core/db/database';
import { createFactRecorder } from '../../src-main/core/facts/record';
import { createOutboxQueue, type Settlement } from '../../src-main/core/upload/outboxQueue';
import { createUploader } from '../../src-main/core/upload/uploader';
import { createUploadSettings } from '../../src-main/core/upload/uploadSettings';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { seedFacts } from '../fixtures/seedFacts';
import { tempDir } from '../fixtures/tempCore';

let hub: TestHub;
let dataDir: string;

beforeAll(async () => {
  hub = await startTestHub();
  dataDir = tempDir('swabdesk-settle-');
}, 60_000);

afterAll(async () => {
  await hub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('marks a batch of 450 acknowledged facts sent in slices of at most 200, each its own transaction', async () => {
  const keys = seedFacts(dataDir, 450);
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const clock = () => new Date();
  const queue = createOutboxQueue(db, clock);
  const settlements: Settlement[] = [];
  const settle = queue.settle;
  queue.settle = (settlement) => {
    settlements.push(settlement);
    expect(db.inTransaction, 'a slice begins with no transaction open').toBe(false);
    return settle(settlement);
  };
  const settings = createUploadSettings(db, createFactRecorder(db, clock));
  expect(settings.save({ endpoint: hub.url, batchSize: 1000 }, hub.token, 'test')).toMatchObject({ result: 'saved' });
  const sender = () => ({ siteCode: 'T1', siteName: '测试点', stationId: '00000000-0000-4000-8000-000000000001' });
  const uploader = createUploader({ queue, settings, clock, sender, changed: () => undefined });
  try {
    uploader.start();
    await vi.waitFor(() => expect(settlements.flatMap((s) => s.acknowledged)).toHaveLength(450), { timeout: 30_000, interval: 20 });
    expect(settlements.map((s) => s.acknowledged.length)).toEqual([200, 200, 50]);
    expect(new Set(settlements.flatMap((s) => s.acknowledged))).toEqual(new Set(keys));
    expect(db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);
  } finally {
    await uploader.stop();
    db.close();
  }
}, 60_000);
