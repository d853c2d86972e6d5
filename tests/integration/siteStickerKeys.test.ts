// A site's sticker keys shared through the hub, never in the clear: a sticker printed on one PC of the site is
// refused at another PC's desk until the two have exchanged keys (here: until that PC's line to the hub heals), and
// registers there after. A station of another site never receives them; the hub's tables hold no key's secret, in
// any form; a sealed key altered or relabelled on the way is refused by the station it was sealed for, logged
// without its secret, and everything else goes on. The hub serves the sharing only to a token enrolled for a site and
// bound to its station, and only what is addressed to it.
import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../src-main/core/contract';
import { newStationKeyPair, openStickerKey, sealStickerKey } from '../../src-main/core/domain/sealedStickerKey';
import { sealSticker } from '../../src-main/core/domain/stickerCode';
import { SEALED_KEYS_PATH, STATION_KEY_PATH, STATION_KEYS_PATH } from '../../src-main/core/stickerShare/protocol';
import { CLERK_PIN, outcome, signIn } from '../fixtures/driver';
import { sendBatch } from '../fixtures/hubClient';
import { idNumber } from '../fixtures/people';
import { wireFact } from '../fixtures/siteFacts';
import { siteAtTestHub } from '../fixtures/siteStation';

const SITE = 'BJ-0101';
const OTHER_SITE = 'BJ-0202';
const GUIDE: Identity = { role: 'guide' };
const SETTLE = { timeout: 20_000, interval: 50 };
const person = (index: number) => ({ docType: 'resident-id' as const, idNumber: idNumber(index), name: '钱老伯', phone: '13812345678' });

const site = siteAtTestHub(SITE);
const KEY_SHARE = { keyShareEveryMs: 200 };
/** A station of `stationSite` reaching the hub through a proxy of its own, cut from the start when `cut`. */
const station = (label: string, stationSite = SITE, cut = false) => site.stationBehindProxy(label, { site: stationSite, cut, feed: KEY_SHARE });
type Station = Awaited<ReturnType<typeof station>>;

type KeyRow = { id: string; secret: Buffer; printing: number; shared_by: string | null };
const keysOf = (db: Database.Database) => db.prepare('SELECT id, secret, printing, shared_by FROM sticker_keys ORDER BY id').all() as KeyRow[];
const ownKey = (s: Station) => keysOf(s.db).find((key) => key.shared_by === null)!;

/** The code of a sticker printed at the station's pre-registration window. */
function printSticker(s: Station, index: number): string {
  const guide = signIn(s.core, [], `引导员${index}`);
  outcome(s.d.call(GUIDE, 'session.signIn', { operatorId: guide, pin: CLERK_PIN }), 'signed-in');
  return outcome(s.d.call(GUIDE, 'guide.sticker', person(index)), 'sticker').code;
}

async function hubCall(token: string | null, method: string, path: string, body?: unknown) {
  const response = await fetch(`${site.hub().url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

let a: Station;
let b: Station;
let aSticker: string;

describe("sharing a site's sticker keys", () => {
  it("registers at B's desk a sticker printed on A once they have exchanged keys, and refuses it before", async () => {
    a = await station('收费处 PC1');
    b = await station('收费处 PC2', SITE, true);
    aSticker = printSticker(a, 1);

    outcome(b.d.scan('2026113000801'), 'tube-opened');
    expect(b.d.scan(aSticker)).toEqual({ result: 'refused', problem: 'sticker-unknown-key' });
    expect(keysOf(b.db)).toEqual([expect.objectContaining({ printing: 1, shared_by: null })]);

    await b.proxy.heal();
    await vi.waitFor(() => expect(keysOf(b.db).map((key) => key.id)).toContain(ownKey(a).id), SETTLE);
    expect(b.d.scan(aSticker)).toMatchObject({ result: 'person-added', person: { position: 1 } });
    const registered = b.db.prepare('SELECT doc_number, name, phone FROM registrations').all();
    expect(registered).toEqual([{ doc_number: person(1).idNumber, name: '钱老伯', phone: '13812345678' }]);

    // B keeps A's key for reading only, the same secret, from A; and A gets B's the same way.
    expect(keysOf(b.db)).toContainEqual({ ...ownKey(a), printing: 0, shared_by: a.stationId });
    await vi.waitFor(() => expect(keysOf(a.db)).toContainEqual({ ...ownKey(b), printing: 0, shared_by: b.stationId }), SETTLE);
    const bSticker = printSticker(b, 2);
    outcome(a.d.scan('2026113000802'), 'tube-opened');
    expect(a.d.scan(bSticker)).toMatchObject({ result: 'person-added' });

    // Each key is added once, with its audit row naming its id and where it came from, never its secret.
    const shared = b.db.prepare("SELECT subject, data FROM audit WHERE kind = 'sticker.keyShared'").all() as { subject: string; data: string }[];
    expect(shared).toEqual([{ subject: ownKey(a).id, data: JSON.stringify({ keyId: ownKey(a).id, from: a.stationId }) }]);
    expect(b.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'sticker.keyShared'").pluck().get()).toBe(0);
  });

  it('gives a station of another site none of the keys, and no way to ask for them', async () => {
    const c = await station('西城一点 PC1', OTHER_SITE);
    await vi.waitFor(async () => expect(await site.hub().query('SELECT 1 FROM station_keys WHERE station_id = $1', [c.stationId])).toHaveLength(1), SETTLE);
    outcome(c.d.scan('2026113000803'), 'tube-opened');
    expect(c.d.scan(aSticker)).toEqual({ result: 'refused', problem: 'sticker-unknown-key' });
    expect(keysOf(c.db)).toEqual([expect.objectContaining({ shared_by: null })]);

    expect((await hubCall(c.token, 'GET', STATION_KEYS_PATH)).json).toEqual({ stations: [] });
    expect((await hubCall(c.token, 'GET', SEALED_KEYS_PATH)).json).toEqual({ keys: [] });
    const toA = { to: a.stationId, keyId: ownKey(c).id, sealed: randomBytes(92).toString('base64url') };
    expect(await hubCall(c.token, 'POST', SEALED_KEYS_PATH, { keys: [toA] })).toMatchObject({ status: 403, json: { error: 'not-in-site' } });
    expect(await site.hub().query('SELECT 1 FROM sealed_keys WHERE to_station = $1 OR from_station = $1', [c.stationId])).toEqual([]);
  });

  it("holds no sticker key's secret, nor any station's private key, in any table, in any form", async () => {
    const secrets = [...keysOf(a.db), ...keysOf(b.db)].map((key) => key.secret);
    const privateKeys = [a, b].map((s) => s.db.prepare('SELECT private_key FROM station_keypair').pluck().get() as Buffer);
    const sealed = await site.hub().query<{ sealed: Buffer }>('SELECT sealed FROM sealed_keys');
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    const tables = await site.hub().query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    const rows: string[] = [];
    for (const { table_name } of tables) rows.push(...(await site.hub().query<{ row: string }>(`SELECT t::text AS row FROM ${table_name} t`)).map((row) => row.row));
    const dump = rows.join('\n');
    for (const secret of [...secrets, ...privateKeys]) {
      for (const blob of sealed) expect(blob.sealed.includes(secret)).toBe(false);
      for (const text of [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url')]) expect(dump).not.toContain(text);
    }
  });

  it('refuses a sealed key altered or relabelled on the way, logs it without its secret, and takes the sound ones', async () => {
    // M: a station of the site of its own making, with a keypair of its own. Giving its key binds its token, as a
    // first upload would; its uploads then go on as the same station.
    const token = await site.hub().enrol(SITE, '收费处 PC3');
    const m = { stationId: randomUUID(), ...newStationKeyPair() };
    const stationKey = { stationId: m.stationId, publicKey: m.publicKey.toString('base64url') };
    expect(await hubCall(token, 'GET', STATION_KEYS_PATH)).toMatchObject({ status: 403, json: { error: 'not-bound' } });
    expect(await hubCall(token, 'PUT', STATION_KEY_PATH, stationKey)).toEqual({ status: 200, json: { result: 'stored' } });
    expect(await hubCall(token, 'PUT', STATION_KEY_PATH, stationKey)).toEqual({ status: 200, json: { result: 'kept' } });
    const otherKey = { ...stationKey, publicKey: newStationKeyPair().publicKey.toString('base64url') };
    expect(await hubCall(token, 'PUT', STATION_KEY_PATH, otherKey)).toMatchObject({ status: 409, json: { error: 'key-mismatch' } });
    expect(await hubCall(token, 'PUT', STATION_KEY_PATH, { ...stationKey, stationId: randomUUID() })).toMatchObject({ status: 403, json: { error: 'wrong-station' } });
    const sender = { siteCode: SITE, siteName: '东城三点', stationId: m.stationId };
    expect((await sendBatch(site.hub().url, token, sender, [wireFact('settings.changed', {})])).status).toBe(200);
    expect((await sendBatch(site.hub().url, token, { ...sender, stationId: randomUUID() }, [wireFact('settings.changed', {})])).status).toBe(403);
    expect(await hubCall(null, 'GET', SEALED_KEYS_PATH)).toMatchObject({ status: 401 });
    expect(await hubCall(site.hub().token, 'GET', SEALED_KEYS_PATH)).toMatchObject({ status: 403, json: { error: 'not-enrolled' } });

    const peers = (await hubCall(token, 'GET', STATION_KEYS_PATH)).json.stations as { stationId: string; publicKey: string }[];
    expect(peers.map((peer) => peer.stationId).sort()).toEqual([a.stationId, b.stationId].sort());
    const bPublic = Buffer.from(peers.find((peer) => peer.stationId === b.stationId)!.publicKey, 'base64url');
    const sound = { id: 'a0000001', secret: randomBytes(32) };
    const altered = { id: 'a0000002', secret: randomBytes(32) };
    const relabelled = { id: 'a0000003', secret: randomBytes(32) };
    const sealFor = (key: { id: string; secret: Buffer }) => sealStickerKey(key.secret, bPublic, { from: m.stationId, to: b.stationId, keyId: key.id });
    const flipped = sealFor(altered);
    flipped[50] ^= 0x01;
    const logged = vi.spyOn(console, 'error');
    const posted = await hubCall(token, 'POST', SEALED_KEYS_PATH, {
      keys: [
        { to: b.stationId, keyId: altered.id, sealed: flipped.toString('base64url') },
        { to: b.stationId, keyId: 'a0000004', sealed: sealFor(relabelled).toString('base64url') },
        { to: b.stationId, keyId: sound.id, sealed: sealFor(sound).toString('base64url') },
      ],
    });
    expect(posted).toEqual({ status: 200, json: { received: 3 } });

    await vi.waitFor(() => expect(keysOf(b.db)).toContainEqual({ id: sound.id, secret: sound.secret, printing: 0, shared_by: m.stationId }), SETTLE);
    const ids = keysOf(b.db).map((key) => key.id);
    expect(ids).not.toContain(altered.id);
    expect(ids).not.toContain('a0000004');
    const lines = logged.mock.calls.map((call) => String(call[0]));
    logged.mockRestore();
    for (const keyId of [altered.id, 'a0000004']) {
      expect(lines.filter((line) => line.includes(`key ${keyId}`) && line.includes('does not open'))).toHaveLength(1);
    }
    for (const key of [altered, relabelled]) {
      for (const text of [key.secret.toString('hex'), key.secret.toString('base64'), key.secret.toString('base64url')]) {
        expect(lines.join('\n')).not.toContain(text);
      }
    }

    // Nothing broke: B reads a sticker sealed with the sound key and A's as before, and shared its own key with M,
    // which M opens with its private key.
    expect(b.d.scan(sealSticker(person(3), sound))).toMatchObject({ result: 'person-added' });
    expect(b.d.scan(printSticker(a, 4))).toMatchObject({ result: 'person-added' });
    await vi.waitFor(async () => {
      const { keys } = (await hubCall(token, 'GET', SEALED_KEYS_PATH)).json as { keys: { from: string; keyId: string; sealed: string }[] };
      const fromB = keys.find((key) => key.from === b.stationId && key.keyId === ownKey(b).id)!;
      const context = { from: b.stationId, to: m.stationId, keyId: fromB.keyId };
      expect(openStickerKey(Buffer.from(fromB.sealed, 'base64url'), m, context)).toEqual(ownKey(b).secret);
    }, SETTLE);
  });
});
