// The core: every behaviour of SwabDesk behind one validated entry point. It never imports electron;
// the Electron shell and the browser station are two transports over the same object.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  channels,
  events,
  type CallResult,
  type ChannelName,
  type Identity,
  type Input,
  type Output,
  type PushedEvent,
} from './contract';
import { sessionKey, type Caller } from './calls/caller';
import type { ChannelContract } from './calls/channel';
import type { Change } from './calls/change';
import { RefusedInput } from './calls/refusedInput';
import { openDatabase, type DatabaseKey, type Db } from './db/database';
import { systemClock, type Clock } from './clock';
import { createAdmin } from './admin';
import { createBackground } from './background/background';
import { createHandlers } from './handlers';
import { inputIssues } from './domain/inputIssues';
import { windowSession } from './operators/handlers';
import { createServices } from './services';
import type { UploadTuning } from './upload/uploads';
import type { FeedTuning } from './siteFeed/feedClient';
import { logError } from './maintenance/log';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  /** A cap on the database's size in pages (SQLite max_page_count), to keep room on a small disk. */
  maxPages?: number;
  /** How the uploader times out and backs off; the defaults suit a real platform. */
  upload?: UploadTuning;
  /** How long the site feed's long polls last and how its reader backs off. */
  feed?: FeedTuning;
  /** The passphrase or key the database is encrypted with; without one it is opened (and made) unencrypted. */
  key?: DatabaseKey;
  /** The packaged desktop app's SQLite binding, built for Electron (see openDatabase). */
  nativeBinding?: string;
}

export const DATABASE_FILE = 'swabdesk.db';

type Listener = (event: PushedEvent) => void;

/** A channel's input, which may be left out when the channel needs none. */
export type InputArgument<C extends ChannelName> = Record<string, never> extends Input<C> ? [input?: Input<C>] : [input: Input<C>];

function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

function fail(code: Extract<CallResult, { ok: false }>['error']['code'], message: string): Extract<CallResult, { ok: false }> {
  return { ok: false, error: { code, message } };
}

/** A malformed input: the developer's message, and each issue as the windows word it beside its field. */
function invalidInput(channelName: ChannelName, error: z.ZodError): Extract<CallResult, { ok: false }> {
  const message = `Invalid input for ${channelName}: ${z.prettifyError(error)}`;
  return { ok: false, error: { code: 'invalid-input', message, issues: inputIssues(error) } };
}

/** The transaction rolled back: nothing of the call was stored, and the next call may succeed. */
function failureOf(channelName: ChannelName, error: unknown): Extract<CallResult, { ok: false }> {
  if (error instanceof RefusedInput) return { ok: false, error: { code: 'invalid-input', message: error.message, issues: error.issues } };
  const sqliteCode = (error as { code?: unknown }).code;
  if (sqliteCode === 'SQLITE_FULL') {
    return fail('disk-full', 'Not saved: the disk is full. Free some space; saving resumes as soon as there is room.');
  }
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) {
    return fail('not-saved', `Not saved: the local database could not write (${sqliteCode}).`);
  }
  return fail('internal', `Internal error in ${channelName}: ${(error as Error).message}`);
}

/** How long the live view waits to gather a burst of changes into one push. */
export const LIVE_PUSH_DELAY_MS = 250;

const SIGNED_OUT_MESSAGES = {
  'signed-out': 'Nobody is signed in at this window: sign in with your PIN first.',
  locked: 'This window is locked: sign in with your PIN to go on.',
} as const;

/** A desk's event goes to that desk's windows; a session's event to that one window (its role and desk). */
type Audience = string | Identity | undefined;

/** An event reaches a window when its role receives it and the window is in the event's audience. */
function reaches(who: Identity, event: PushedEvent['event'], audience: Audience): boolean {
  if (!(events[event].roles as readonly string[]).includes(who.role)) return false;
  if (audience === undefined) return true;
  if (typeof audience === 'string') return audience === who.desk;
  return audience.role === who.role && audience.desk === who.desk;
}

export function createCore(options: CoreOptions) {
  const clock = options.clock ?? systemClock;
  fs.mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = path.join(options.dataDir, DATABASE_FILE);
  const db: Db = openDatabase(databaseFile, options.key, options.nativeBinding);
  // Backups, purges, exports and checkpoints run in a worker thread on a connection of its own.
  const background = createBackground({ file: databaseFile, key: options.key, nativeBinding: options.nativeBinding }, (progress) =>
    publish('roster.progress', () => progress),
  );
  const services = createServices({
    db,
    clock,
    dataDir: options.dataDir,
    background,
    uploadChanged: () => uploadChanged(),
    upload: options.upload,
    siteChanged: () => siteChanged(),
    feed: options.feed,
  });
  const handlers = createHandlers(services);
  const { operators, sessions, backlog, loop, totals, liveDesks, readings, uploads, dayExport, siteFeed, roster } = services;
  const sessionState = (who: Identity) => windowSession(sessions, who);
  const listeners = new Map<Listener, Identity>();
  const admin = createAdmin(db, background, dayExport, operators, roster, clock);
  if (options.maxPages !== undefined) admin.setMaxPages(options.maxPages);

  /** Pushes an event to the windows it reaches; its payload is computed only when one of them listens. */
  function publish<E extends PushedEvent['event']>(
    event: E,
    payload: () => Extract<PushedEvent, { event: E }>['payload'],
    to?: Audience,
  ): void {
    const audience = [...listeners].filter(([, who]) => reaches(who, event, to));
    if (audience.length === 0) return;
    const pushed = { event, payload: payload() } as PushedEvent;
    for (const [listener] of audience) {
      // The change is committed already: a window that fails to take the event must not fail the call or the others.
      try {
        listener(pushed);
      } catch (error) {
        logError(`Could not push ${event}: ${(error as Error).message}`);
      }
    }
  }

  function publishChanges(changes: Change[]): void {
    const seen = new Set<string>();
    for (const change of changes) {
      if (change.kind === 'reading') {
        publish('desk.reading', () => change.reading, change.desk);
        continue;
      }
      if (change.kind === 'guideCard') {
        publish('guide.card', () => change.card);
        continue;
      }
      const key = change.kind === 'desk' ? `desk:${change.desk}` : change.kind === 'session' ? `session:${sessionKey(change.who)}` : change.kind;
      if (seen.has(key)) continue;
      seen.add(key);
      if (change.kind === 'desk') publish('desk.changed', () => loop.deskState(change.desk), change.desk);
      else if (change.kind === 'session') publish('session.changed', () => sessionState(change.who), change.who);
      else if (change.kind === 'operators') publishSessions();
      else if (change.kind === 'totals') publish('totals.changed', totals);
      else if (change.kind === 'devices') publishDevices();
    }
    if (changes.some((change) => change.kind !== 'reading' && change.kind !== 'guideCard')) {
      scheduleLive();
      // The site's totals and conflicts include this PC's, and the roster's coverage counts every registration.
      siteChanged();
    }
    publishBacklog();
  }

  /**
   * The manager's live view follows any desk's change, a moment later: its per-hour counts are computed once for
   * a burst of scans, off the path of the scan the clerk waits for.
   */
  let liveTimer: NodeJS.Timeout | null = null;
  function scheduleLive(): void {
    if (liveTimer) return;
    liveTimer = setTimeout(() => {
      liveTimer = null;
      publish('site.live', liveDesks);
    }, LIVE_PUSH_DELAY_MS);
  }

  /**
   * The uploader moved facts or changed state: every window's backlog follows at once, the manager's upload panel
   * a moment later, once for a run of batches.
   */
  let uploadTimer: NodeJS.Timeout | null = null;
  function uploadChanged(): void {
    publishBacklog();
    if (uploadTimer) return;
    uploadTimer = setTimeout(() => {
      uploadTimer = null;
      publish('upload.changed', uploads.status);
    }, LIVE_PUSH_DELAY_MS);
  }

  /**
   * The mirror took the other PCs' facts, or this PC changed something: the manager's view of the whole site and the
   * roster's coverage follow, once for a run of pages or scans.
   */
  let siteTimer: NodeJS.Timeout | null = null;
  function siteChanged(): void {
    if (siteTimer) return;
    siteTimer = setTimeout(() => {
      siteTimer = null;
      publish('site.whole', siteFeed.view);
      publish('roster.coverage', roster.coverage);
    }, LIVE_PUSH_DELAY_MS);
  }

  let publishedBacklog = backlog.count();
  /** The backlog as every window shows it, pushed whenever its count moved. */
  function publishBacklog(): void {
    const count = backlog.count();
    if (count === publishedBacklog) return;
    publishedBacklog = count;
    publish('backlog.changed', backlog.read);
  }

  /** Each window gets its own session again, with the operators who may now sign in there. */
  function publishSessions(): void {
    for (const who of new Map([...listeners.values()].map((w) => [sessionKey(w), w])).values()) {
      if (who.role !== 'device') publish('session.changed', () => sessionState(who), who);
    }
  }

  /** Each clerk window gets its own desk's devices; the manager gets them all. */
  function publishDevices(): void {
    const desks = new Set([...listeners.values()].flatMap((who) => (who.desk === undefined ? [] : [who.desk])));
    for (const desk of desks) publish('desk.devices', () => readings.states(desk), desk);
    publish('site.devices', () => readings.states());
  }

  /**
   * Everything a call goes through before its handler: the channel name, the caller's role, the input, and the
   * operator the channel needs; a malformed or unauthorised call is refused here with a clear message.
   */
  function begin(who: Identity, channelName: unknown, input: unknown) {
    if (!isChannel(channelName)) return fail('unknown-channel', `There is no channel named ${JSON.stringify(channelName)}.`);
    const contract: ChannelContract = channels[channelName];
    if (!contract.roles.includes(who.role)) {
      return fail('forbidden', `The ${who.role} window may not call ${channelName}.`);
    }
    // With the input in its issues, which tell a field left out from one of the wrong type; only the issues leave.
    const parsed = contract.input.safeParse(input ?? {}, { reportInput: true });
    if (!parsed.success) return invalidInput(channelName, parsed.error);
    // Nobody waits on some callers' answers (a desk's device): the channel says whom to tell that nothing was saved.
    const tellWindows = (failure: Extract<CallResult, { ok: false }>) => {
      if (contract.failed) publishChanges([contract.failed(parsed.data, failure.error)]);
      return failure;
    };
    // The session whose operator the call acts for: the calling window's own, or the one its channel names.
    const sessionOf = contract.signedIn ? who : (contract.actsFor?.(parsed.data) ?? null);
    let caller: Caller = who;
    if (sessionOf) {
      const access = sessions.access(sessionKey(sessionOf));
      if ('refused' in access) {
        // The window may not know yet (a lock found idle, a clerk the manager disabled): show it the lock screen.
        publishChanges([{ kind: 'session', who: sessionOf }]);
        return tellWindows(fail(access.refused, SIGNED_OUT_MESSAGES[access.refused]));
      }
      caller = { ...who, operator: access.operator };
    }
    const changes: Change[] = [];
    const handler = handlers[channelName] as (i: unknown, w: Caller, c: (ch: Change) => void) => unknown;
    return {
      channelName,
      contract,
      changes,
      tellWindows,
      run: () => handler(parsed.data, caller, (change) => changes.push(change)),
    };
  }

  type Begun = Exclude<ReturnType<typeof begin>, { ok: false }>;

  async function receive(who: Identity, channelName: unknown, input: unknown): Promise<CallResult> {
    const begun = begin(who, channelName, input);
    if ('ok' in begun) return begun;
    try {
      return finish(begun, await begun.run());
    } catch (error) {
      return begun.tellWindows(failureOf(begun.channelName, error));
    }
  }

  /** Checks what the handler answered against the contract, then tells the windows what changed. */
  function finish(begun: Begun, answer: unknown): CallResult {
    const value = begun.contract.output.parse(answer);
    publishChanges(begun.changes);
    return { ok: true, value };
  }

  return {
    /**
     * Calls a channel for a window, in the same process (the device hub, the demo, the tests): typed by channel.
     * The caller's role and the input are still checked here, as for any call.
     */
    call<C extends ChannelName>(who: Identity, channelName: C, ...input: InputArgument<C>): CallResult<Output<C>> {
      const begun = begin(who, channelName, input[0]);
      if ('ok' in begun) return begun;
      if (begun.contract.async) return fail('internal', `${begun.channelName} answers asynchronously: use callAsync.`);
      try {
        return finish(begun, begun.run()) as CallResult<Output<C>>;
      } catch (error) {
        return begun.tellWindows(failureOf(begun.channelName, error));
      }
    },

    /** The same, for every channel, including those that answer later (files). */
    callAsync<C extends ChannelName>(who: Identity, channelName: C, ...input: InputArgument<C>): Promise<CallResult<Output<C>>> {
      return receive(who, channelName, input[0]) as Promise<CallResult<Output<C>>>;
    },

    /**
     * A call as a transport receives it from a window, anything at all: the channel name, the caller's role and the
     * input are all checked here, so a malformed call is refused with a clear message before any handler runs.
     */
    receive,

    /** Pushes every event this identity may see to the listener, until the returned function is called. */
    subscribe(who: Identity, listener: Listener): () => void {
      listeners.set(listener, who);
      return () => listeners.delete(listener);
    },

    /** Exports, audit verification and backups, for the headless commands and the backup schedule. */
    admin,

    /**
     * The uploader, the site feed's reader and the sharing of sticker keys: the shells start them; stop them (the
     * uploader finishes the request in flight, the reader ends its long poll) before closing the core.
     */
    uploader: {
      start(): void {
        uploads.uploader.start();
        siteFeed.client.start();
        siteFeed.keyShare.start();
      },
      async stop(): Promise<void> {
        await Promise.all([uploads.uploader.stop(), siteFeed.client.stop(), siteFeed.keyShare.stop()]);
      },
    },

    close(): void {
      if (liveTimer) clearTimeout(liveTimer);
      if (uploadTimer) clearTimeout(uploadTimer);
      if (siteTimer) clearTimeout(siteTimer);
      void uploads.uploader.stop();
      void siteFeed.client.stop();
      void siteFeed.keyShare.stop();
      void admin.stopBackgroundWork();
      listeners.clear();
      db.close();
    },
  };
}

export type Core = ReturnType<typeof createCore>;
