// What the desk's channels do. Whatever stores something changes that desk's window and the site's totals; a
// reading by the desk's own device is also told to that desk, for its banner and sound.
import { actorOf, type Caller } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import type { Change } from '../calls/change';
import { GUIDE_DESK } from '../contract/names';
import { detectInputGarbling } from '../domain/inputGarbling';
import type { SignedInOperator } from '../operators/operators';
import { readSiteSettings, settingsOfDesk, writeSiteSettings } from '../site/settings';
import { readGuideCard } from '../preRegistration/guideCard';
import type { Services } from '../services';
import type { registrationChannels } from './channels';
import type { DeskActor } from './tubeLoop';

/** Clerk identities always carry their desk: the transports bind it when they authenticate a window. */
function deskOf(who: Caller): DeskActor {
  if (!who.desk) throw new Error('a clerk identity without a desk');
  return { desk: who.desk, actor: actorOf(who), operatorId: who.operator?.id ?? null };
}

/** A desk's own device acts for the clerk signed in at that desk. */
function deviceActor(desk: string, operator: SignedInOperator | undefined): DeskActor {
  return { desk, actor: actorOf({ role: 'clerk', desk, operator }), operatorId: operator?.id ?? null };
}

/** Whether an outcome wrote anything: refusals, warnings awaiting confirmation and the open tube scanned again do not. */
const stored = (outcome: { result: string }) => !['refused', 'confirm', 'tube-still-open'].includes(outcome.result);

function deskChanged(desk: string, changed: (change: Change) => void): void {
  changed({ kind: 'desk', desk });
  changed({ kind: 'totals' });
}

export function registrationHandlers({ clock, db, record, loop, readings }: Services): FeatureHandlers<typeof registrationChannels> {
  return {
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
    'clerk.deskSettings': (_input, who) => settingsOfDesk(readSiteSettings(db), deskOf(who).desk),
    'clerk.saveDeskSettings': (settings, who, changed) => {
      const { desk } = deskOf(who);
      const others = readSiteSettings(db).deskSettings.filter((entry) => entry.desk !== desk);
      const saved = writeSiteSettings(db, { deskSettings: [...others, { desk, ...settings }] }, record, actorOf(who));
      // The open tube's names are shown anew, masked or not.
      changed({ kind: 'desk', desk });
      return settingsOfDesk(saved, desk);
    },
    'clerk.confirmReading': (_input, who, changed) => {
      const at = deskOf(who);
      const outcome = readings.confirm(at);
      if (stored(outcome)) deskChanged(at.desk, changed);
      return outcome;
    },
    'site.devices': () => readings.states(),
    'device.input': ({ desk, label, reading }, who, changed) => {
      if (desk === GUIDE_DESK) {
        if (reading.kind !== 'card') return { result: 'ignored' };
        changed({ kind: 'guideCard', card: readGuideCard(reading.card, clock()) });
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
  };
}
