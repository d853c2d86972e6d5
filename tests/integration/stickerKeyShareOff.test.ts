// The station shares sticker keys with the hub alone: with another platform's adapter, or no endpoint or token, its
// loop never makes a request however often it looks at the settings; switched to the hub's protocol, it asks at once.
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src-main/core/db/database';
import { createFactRecorder } from '../../src-main/core/facts/record';
import { createKeyShare } from '../../src-main/core/stickerShare/keyShare';
import { STATION_KEY_PATH } from '../../src-main/core/stickerShare/protocol';
import type { UploadSettingsStore } from '../../src-main/core/upload/uploadSettings';
import { tempDir } from '../fixtures/tempCore';

const HUB = 'https://hub.example.cn';
const clock = () => new Date();

afterEach(() => vi.restoreAllMocks());

it('never calls a platform that is not the hub, and calls the hub at once when the settings name it', async () => {
  const db = openDatabase(path.join(tempDir(), 'swabdesk.db'));
  const fetched = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(new Response('{}', { status: 503 })));
  let current = { endpoint: HUB, adapter: 'fhir', token: 'a-token' };
  const settings = vi.fn(() => current);
  const store = { settings, token: () => current.token } as unknown as UploadSettingsStore;
  const share = createKeyShare(db, clock, createFactRecorder(db, clock), store, { everyMs: 5 });
  share.start();
  try {
    for (const off of [{ adapter: 'template' }, { adapter: 'swabdesk', token: '' }, { adapter: 'swabdesk', endpoint: '' }, { adapter: 'fhir' }]) {
      current = { ...current, endpoint: HUB, token: 'a-token', ...off };
      const looked = settings.mock.calls.length;
      // Looked at these settings, and at them again after the pause they call for.
      await vi.waitFor(() => expect(settings.mock.calls.length).toBeGreaterThanOrEqual(looked + 2));
    }
    expect(fetched).not.toHaveBeenCalled();

    current = { endpoint: HUB, adapter: 'swabdesk', token: 'a-token' };
    share.now();
    await vi.waitFor(() => expect(fetched).toHaveBeenCalled());
    expect(String(fetched.mock.calls[0][0])).toBe(`${HUB}${STATION_KEY_PATH}`);
  } finally {
    await share.stop();
    db.close();
  }
});
