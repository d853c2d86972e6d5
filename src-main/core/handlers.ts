// What each channel does. Handlers receive input already validated against the contract and the caller's
// identity; they report which events their change raised.
import type { ChannelName, EventPayload, Identity, Input, Output } from './contract';
import { createBacklog } from './facts/backlog';
import { createOperators, type OperatorRole, type SignedInOperator } from './operators/operators';
import { createSessions } from './operators/sessions';
import { createDeskReadings } from './registration/deskReadings';
import type { Db } from './db/database';
import type { Clock } from './clock';
import { createPersonCorrections } from './corrections/personDetails';
import { createPersonSearch } from './corrections/search';
import { createVoids } from './corrections/voids';
import { encodeSticker, testCodeFormats } from './domain/codeFormats';
import type { DocumentType } from './domain/documents';
import { maskIdNumber, maskName } from './domain/mask';
import { checkPerson } from './domain/person';
import { createFactRecorder } from './facts/record';
import { detectInputGarbling } from './domain/inputGarbling';
import { diskHealth } from './maintenance/health';
import { checkCardPerson } from './registration/cardPerson';
import { createTubeLoop, type DeskActor } from './registration/tubeLoop';
import { readSiteSettings, writeSiteSettings } from './site/settings';
import { createDeskActivity } from './site/live';
import { createTotals } from './site/totals';
import { createTubePeople } from './site/tubePeople';
import { createUnbagged } from './site/unbagged';
import { GUIDE_DESK } from './stationWindows';
import { manifestCsv, manifestXlsx } from './export/manifestFiles';
import { createHandovers } from './transport/handover';
import { createManifests } from './transport/manifest';
import { createPacking } from './transport/packing';
import { createUploads, type UploadTuning } from './upload/uploads';

/** A change a handler made, so the core can push fresh state to the windows that show it. */
export type Change =
  | { kind: 'desk'; desk: string }
  | { kind: 'session'; who: Identity }
  | { kind: 'operators' }
  | { kind: 'guideCard'; card: EventPayload<'guide.card'> }
  | { kind: 'totals' }
  | { kind: 'reading'; desk: string; reading: EventPayload<'desk.reading'> }
  | { kind: 'devices' };

/** The window calling, and the operator signed in at it when the channel needs one (the core checks that first). */
export type Caller = Identity & { operator?: SignedInOperator };

export type Handlers = {
  [C in ChannelName]: (input: Input<C>, who: Caller, changed: (change: Change) => void) => Output<C> | Promise<Output<C>>;
};

/** The key of a window's session: one per desk for clerks. */
export function sessionKey(who: Identity): string {
  return who.desk === undefined ? who.role : `${who.role}@${who.desk}`;
}

/** The name the audit trail gives the caller: the window's role and desk, and the operator's id when signed in. */
export function actorOf(who: Caller): string {
  return who.operator ? `${sessionKey(who)}:${who.operator.id}` : sessionKey(who);
}

/** A desk's own device acts for the clerk signed in at that desk. */
function deviceActor(desk: string, operator: SignedInOperator | undefined): DeskActor {
  return { desk, actor: actorOf({ role: 'clerk', desk, operator }), operatorId: operator?.id ?? null };
}

/** Clerk identities always carry their desk: the transports bind it when they authenticate a window. */
function deskOf(who: Caller): DeskActor {
  if (!who.desk) throw new Error('a clerk identity without a desk');
  return { desk: who.desk, actor: actorOf(who), operatorId: who.operator?.id ?? null };
}

/** The window itself, without the operator the core added: what a session event is addressed to. */
const windowOf = ({ role, desk }: Caller): Identity => (desk === undefined ? { role } : { role, desk });

/** Who may sign in at a window: clerks at desks and at the pre-registration window, managers at theirs. */
function operatorRole(who: Identity): OperatorRole {
  if (who.role === 'device') throw new Error('the device hub has no session');
  return who.role === 'guide' ? 'clerk' : who.role;
}

export function createHandlers(db: Db, clock: Clock, dataDir: string, uploadChanged: () => void, tuning?: UploadTuning) {
  const record = createFactRecorder(db, clock);
  const uploads = createUploads(db, clock, record, uploadChanged, tuning);
  const loop = createTubeLoop(db, clock, record);
  const voids = createVoids(db, clock, record);
  const corrections = createPersonCorrections(db, clock, record);
  const tubePeople = createTubePeople(db);
  const searchPeople = createPersonSearch(db, record);
  const readings = createDeskReadings(loop);
  const packing = createPacking(db, clock, record);
  const handOver = createHandovers(db, clock, record);
  const manifests = createManifests(db);
  const totals = createTotals(db, clock);
  const deskActivity = createDeskActivity(db, clock);
  const unbagged = createUnbagged(db);
  const backlog = createBacklog(db);
  const operators = createOperators(db, clock, record);
  const sessions = createSessions(operators, clock, () => readSiteSettings(db).idleLockMinutes * 60_000);

  const sessionState = (who: Identity) => sessions.state(sessionKey(who), operatorRole(who));

  /** Every desk with its activity, who is signed in there and its devices, for the manager's live view. */
  const live = () => {
    const devices = readings.states();
    const deviceDesks = devices.flatMap((device) => (device.desk === null ? [] : [device.desk]));
    return deskActivity([...deviceDesks, ...sessions.signedInDesks()]).map((activity) => {
      const session = sessions.state(sessionKey({ role: 'clerk', desk: activity.desk }), 'clerk');
      return {
        ...activity,
        operator: session.operator?.name ?? null,
        locked: session.locked,
        devices: devices.filter((device) => device.desk === activity.desk),
      };
    });
  };
  /** Sign-ins and sign-outs are kept in the trail, so it can tell who worked at a desk when. */
  const recordSession = (kind: 'session.signedIn' | 'session.signedOut', who: Identity, operator: SignedInOperator) =>
    db
      .transaction(() => record({ kind, subject: operator.id, actor: actorOf({ ...who, operator }), data: { name: operator.name } }))
      .immediate();

  /** Whether an outcome wrote anything: refusals and warnings awaiting confirmation do not. */
  const stored = (outcome: { result: string }) => outcome.result !== 'refused' && outcome.result !== 'confirm';
  const deskChanged = (desk: string, changed: (change: Change) => void) => {
    changed({ kind: 'desk', desk });
    changed({ kind: 'totals' });
  };

  const handlers: Handlers = {
    'session.whoami': (_input, who) => who,
    'session.state': (_input, who) => sessionState(who),
    'session.signIn': ({ operatorId, pin }, who, changed) => {
      const outcome = sessions.signIn(sessionKey(who), operatorRole(who), operatorId, pin);
      if (outcome.result === 'signed-in') {
        recordSession('session.signedIn', who, outcome.operator);
        changed({ kind: 'session', who: windowOf(who) });
      }
      return outcome;
    },
    'session.firstManager': ({ name, pin }, who, changed) => {
      if (operators.list().some((operator) => operator.role === 'manager')) return { result: 'refused', problem: 'site-has-manager' };
      const saved = operators.save({ name, role: 'manager', pin }, actorOf(who));
      if (saved.result === 'refused') {
        if (saved.problem === 'invisible-character') return saved;
        const { problem } = saved;
        if (problem === 'name-missing' || problem === 'name-too-long' || problem === 'pin-format') return { result: 'refused', problem };
        throw new Error(`unexpected refusal of the first manager: ${problem}`);
      }
      const signedIn = sessions.signIn(sessionKey(who), 'manager', saved.operator.id, pin);
      if (signedIn.result !== 'signed-in') throw new Error('the first manager could not sign in');
      recordSession('session.signedIn', who, signedIn.operator);
      changed({ kind: 'session', who: windowOf(who) });
      return signedIn;
    },
    'session.lock': (_input, who, changed) => {
      sessions.lock(sessionKey(who));
      changed({ kind: 'session', who: windowOf(who) });
      return sessionState(who);
    },
    'session.signOut': (_input, who, changed) => {
      const { operator } = sessionState(who);
      sessions.signOut(sessionKey(who));
      if (operator) recordSession('session.signedOut', who, operator);
      changed({ kind: 'session', who: windowOf(who) });
      return sessionState(who);
    },
    'station.health': () => diskHealth(dataDir),
    'station.backlog': () => backlog.read(),
    'clerk.deskState': (_input, who) => loop.deskState(deskOf(who).desk),
    'clerk.scan': ({ text, confirm, typed }, who, changed) => {
      const at = deskOf(who);
      readings.forget(at.desk);
      // Typed into the window by a keyboard-mode scanner: an input method may have garbled it on the way.
      const garbled = detectInputGarbling(text);
      if (garbled) return { result: 'refused', problem: garbled === 'full-width' ? 'scan-full-width' : 'scan-pinyin' };
      const outcome = loop.scan(at, text, confirm ?? false, typed ?? false);
      if (stored(outcome)) deskChanged(at.desk, changed);
      return outcome;
    },
    'clerk.enterPerson': ({ confirm, ...fields }, who, changed) => {
      const at = deskOf(who);
      readings.forget(at.desk);
      const outcome = loop.enter(at, fields, confirm ?? false);
      if (stored(outcome)) deskChanged(at.desk, changed);
      return outcome;
    },
    'clerk.sealNow': (_input, who, changed) => {
      const at = deskOf(who);
      const outcome = loop.sealNow(at);
      if (stored(outcome)) deskChanged(at.desk, changed);
      return outcome;
    },
    'clerk.undo': (_input, who, changed) => {
      const at = deskOf(who);
      const outcome = loop.undoLast(at);
      if (stored(outcome)) deskChanged(at.desk, changed);
      return outcome;
    },
    'clerk.devices': (_input, who) => readings.states(deskOf(who).desk),
    'clerk.confirmReading': (_input, who, changed) => {
      const at = deskOf(who);
      const outcome = readings.confirm(at);
      if (stored(outcome)) deskChanged(at.desk, changed);
      return outcome;
    },
    'guide.sticker': (fields, who) => {
      const checked = checkPerson(fields, clock());
      if (!checked.ok) return { result: 'refused', ...checked.refusal };
      const { docType, docNumber, name, phone } = checked.person;
      // checkPerson passes only document types, never an opaque token.
      const code = encodeSticker({ docType: docType as DocumentType, idNumber: docNumber, name, phone });
      const shown = { name: maskName(name), idNumber: maskIdNumber(docNumber) };
      // The trail says a sticker was made, and for whom as far as a screen may show; the code itself is not kept.
      db.transaction(() => record({ kind: 'sticker.printed', subject: docType, actor: actorOf(who), data: shown })).immediate();
      return { result: 'sticker', code, person: shown };
    },
    'site.totals': () => totals(),
    'site.live': () => live(),
    'site.settings': () => readSiteSettings(db),
    'site.updateSettings': (changes, who) => writeSiteSettings(db, changes, record, actorOf(who)),
    'site.testCodeFormats': ({ text, formats }) => testCodeFormats(text, formats ?? readSiteSettings(db).codeFormats),
    'site.voidTube': ({ barcode, reason }, who, changed) => {
      const outcome = voids.voidTube(barcode, reason, actorOf(who));
      if (stored(outcome)) changed({ kind: 'totals' });
      return outcome;
    },
    'site.voidRegistration': ({ registrationId, reason }, who, changed) => {
      const outcome = voids.voidRegistration(registrationId, reason, actorOf(who));
      if (stored(outcome)) changed({ kind: 'totals' });
      return outcome;
    },
    'site.searchPeople': ({ text }, who) => searchPeople(text, actorOf(who)),
    'site.tubePeople': ({ barcode }) => tubePeople(barcode),
    'site.registration': ({ registrationId }) => corrections.detail(registrationId),
    'site.correctPerson': ({ registrationId, reason, ...changes }, who) =>
      corrections.correct(registrationId, changes, reason, actorOf(who)),
    'site.operators': () => operators.list(),
    'site.saveOperator': (changes, who, changed) => {
      const outcome = operators.save(changes, actorOf(who));
      // Every sign-in screen lists who may sign in: a new, renamed or disabled operator shows at once.
      if (outcome.result === 'saved') changed({ kind: 'operators' });
      return outcome;
    },
    'site.unbaggedTubes': () => unbagged(),
    'site.devices': () => readings.states(),
    'site.handover': ({ bags, courier, temperature }, who) => handOver(bags, courier, temperature, actorOf(who)),
    'site.waitingBags': () => manifests.waitingBags(),
    'site.manifest': ({ number }) => manifests.manifest(number),
    'site.manifestFile': async ({ number, format }) => {
      const manifest = manifests.manifest(number);
      if (!manifest) return null;
      const bytes = format === 'csv' ? manifestCsv(manifest) : await manifestXlsx(manifest);
      const mime = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return { fileName: `交接单-${number}.${format}`, mime, base64: bytes.toString('base64') };
    },
    'site.upload': () => uploads.status(),
    'site.uploadNow': () => {
      uploads.uploader.sendNow();
      return uploads.status();
    },
    'site.heldFacts': () => uploads.held(),
    'site.releaseHeld': ({ factIds }, who) => ({ released: uploads.release(factIds, actorOf(who)) }),
    'site.uploadSettings': () => uploads.settingsView(),
    'site.saveUploadSettings': ({ token, ...changes }, who) => uploads.save(changes, token, actorOf(who)),
    'packing.scan': ({ text }, who) => packing.scan(text, actorOf(who)),
    'packing.sealNow': (_input, who) => packing.sealNow(actorOf(who)),
    'packing.openBag': () => packing.openBag(),
    'device.input': ({ desk, label, reading }, who, changed) => {
      if (desk === GUIDE_DESK) {
        if (reading.kind !== 'card') return { result: 'ignored' };
        // Read into the pre-registration form, nothing stored: an expired card is said, not refused.
        const checked = checkCardPerson(reading.card, clock());
        const card = checked.ok
          ? { docType: checked.person.docType as DocumentType, idNumber: checked.person.docNumber, name: checked.person.name, expired: checked.expired }
          : checked.refusal;
        changed({ kind: 'guideCard', card });
        return { result: 'read-for-guide' };
      }
      const outcome = readings.read(deviceActor(desk, who.operator), reading);
      if (stored(outcome)) deskChanged(desk, changed);
      changed({ kind: 'reading', desk, reading: { device: label, kind: reading.kind, outcome, error: null } });
      return outcome;
    },
    'device.notUnderstood': ({ desk, label }, _who, changed) => {
      if (readings.tellNotUnderstood(desk, clock())) {
        const outcome = { result: 'refused', problem: 'scan-not-understood' } as const;
        changed({ kind: 'reading', desk, reading: { device: label, kind: 'scan', outcome, error: null } });
      }
      return null;
    },
    'device.states': ({ states }, _who, changed) => {
      readings.setStates(states);
      changed({ kind: 'devices' });
      return null;
    },
    'device.config': () => {
      const { deviceProfiles, deviceAssignments } = readSiteSettings(db);
      return { profiles: deviceProfiles, assignments: deviceAssignments };
    },
  };

  return {
    handlers,
    record,
    operators,
    sessions,
    sessionState,
    backlog,
    deskState: loop.deskState,
    totals,
    live,
    deviceStates: readings.states,
    uploads,
  };
}
