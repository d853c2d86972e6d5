// What each channel does. Handlers receive input already validated against the contract and the caller's
// identity; they report which events their change raised.
import type { ChannelName, EventPayload, Identity, Input, Output } from './contract';
import { createDeskReadings } from './devices/deskReadings';
import type { Db } from './db/database';
import type { Clock } from './clock';
import { createPersonCorrections } from './corrections/personDetails';
import { createVoids } from './corrections/voids';
import { testCodeFormats } from './domain/codeFormats';
import { createFactRecorder } from './facts/record';
import { detectInputGarbling } from './domain/inputGarbling';
import { diskHealth } from './maintenance/health';
import { createTubeLoop, type DeskActor } from './registration/tubeLoop';
import { readSiteSettings, writeSiteSettings } from './site/settings';
import { createTotals } from './site/totals';
import { createTubePeople } from './site/tubePeople';
import { createUnbagged } from './site/unbagged';
import { createHandovers } from './transport/handover';
import { createPacking } from './transport/packing';

/** A change a handler made, so the core can push fresh state to the windows that show it. */
export type Change =
  | { kind: 'desk'; desk: string }
  | { kind: 'totals' }
  | { kind: 'reading'; desk: string; reading: EventPayload<'desk.reading'> }
  | { kind: 'devices' };

export type Handlers = {
  [C in ChannelName]: (input: Input<C>, who: Identity, changed: (change: Change) => void) => Output<C>;
};

/** The name the audit trail gives the caller (operators sign in later; until then the window's role and desk). */
export function actorOf(who: Identity): string {
  return who.desk === undefined ? who.role : `${who.role}@${who.desk}`;
}

/** A desk's own device acts for the clerk of that desk. */
const deviceActor = (desk: string): DeskActor => ({ desk, actor: `clerk@${desk}` });

/** Clerk identities always carry their desk: the transports bind it when they authenticate a window. */
function deskOf(who: Identity): DeskActor {
  if (!who.desk) throw new Error('a clerk identity without a desk');
  return { desk: who.desk, actor: actorOf(who) };
}

export function createHandlers(db: Db, clock: Clock, dataDir: string) {
  const record = createFactRecorder(db, clock);
  const loop = createTubeLoop(db, clock, record);
  const voids = createVoids(db, clock, record);
  const corrections = createPersonCorrections(db, clock, record);
  const tubePeople = createTubePeople(db);
  const readings = createDeskReadings(loop);
  const packing = createPacking(db, clock, record);
  const handOver = createHandovers(db, clock, record);
  const totals = createTotals(db, clock);
  const unbagged = createUnbagged(db);

  /** Whether an outcome wrote anything: refusals and warnings awaiting confirmation do not. */
  const stored = (outcome: { result: string }) => outcome.result !== 'refused' && outcome.result !== 'confirm';
  const deskChanged = (desk: string, changed: (change: Change) => void) => {
    changed({ kind: 'desk', desk });
    changed({ kind: 'totals' });
  };

  const handlers: Handlers = {
    'session.whoami': (_input, who) => who,
    'station.health': () => diskHealth(dataDir),
    'clerk.deskState': (_input, who) => loop.deskState(deskOf(who).desk),
    'clerk.scan': ({ text, confirm }, who, changed) => {
      const at = deskOf(who);
      readings.forget(at.desk);
      // Typed into the window by a keyboard-mode scanner: an input method may have garbled it on the way.
      const garbled = detectInputGarbling(text);
      if (garbled) return { result: 'refused', problem: garbled === 'full-width' ? 'scan-full-width' : 'scan-pinyin' };
      const outcome = loop.scan(at, text, confirm ?? false);
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
    'site.totals': () => totals(),
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
    'site.tubePeople': ({ barcode }) => tubePeople(barcode),
    'site.registration': ({ registrationId }) => corrections.detail(registrationId),
    'site.correctPerson': ({ registrationId, reason, ...changes }, who) =>
      corrections.correct(registrationId, changes, reason, actorOf(who)),
    'site.unbaggedTubes': () => unbagged(),
    'site.devices': () => readings.states(),
    'site.handover': ({ bags, courier, temperature }, who) => handOver(bags, courier, temperature, actorOf(who)),
    'packing.scan': ({ text }, who) => packing.scan(text, actorOf(who)),
    'packing.sealNow': (_input, who) => packing.sealNow(actorOf(who)),
    'packing.openBag': () => packing.openBag(),
    'device.input': ({ desk, label, reading }, _who, changed) => {
      const outcome = readings.read(deviceActor(desk), reading);
      if (stored(outcome)) deskChanged(desk, changed);
      changed({ kind: 'reading', desk, reading: { device: label, kind: reading.kind, outcome, error: null } });
      return outcome;
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

  return { handlers, record, deskState: loop.deskState, totals, deviceStates: readings.states };
}
