// Turns what the core answered into what the clerk sees and hears: a tone (colour and sound), catalogue keys, and
// what is read out when the desk reads people out.
import type { CallResult, EventPayload, Output } from '../../src-main/core/contract';
import type { SoundName } from '../shared/sounds/sounds';
import { failureWords } from '../shared/problems';
import { refusalParams, type Refusal } from '../shared/refusalParams';

export type Tone = 'ok' | 'refused' | 'info' | 'sealed' | 'warning' | 'lost';

/** Each tone has its own sound, so the clerk knows the outcome without looking. */
export const SOUND_OF_TONE: Record<Tone, SoundName> = {
  ok: 'accepted',
  info: 'notice',
  sealed: 'full',
  warning: 'warning',
  refused: 'refused',
  lost: 'device-lost',
};

type Words = { key: string; params: Record<string, string | number> };

export interface Shown {
  tone: Tone;
  /** A sound of its own where the tone's would mislead: sealing a tube that is not full is not a repeat. */
  sound?: SoundName;
  title: string;
  hint: string;
  params: Record<string, string | number>;
  /** A second line, e.g. that the previous tube was sealed before this one opened. */
  note?: Words;
  /** From an ID card: sex and year of birth, to compare with the face in front of the clerk. */
  card?: { sex: string | null; birthYear: number | null };
  /** Read out when the desk reads people out: the position, with as much of the name as its setting allows. */
  speech?: Words;
}

export const soundOf = (shown: Shown): SoundName => shown.sound ?? SOUND_OF_TONE[shown.tone];

/** A call that failed: a full disk and a lost link have their own words; anything else shows the core's message. */
function notSaved(error: { code: string; message: string }): Shown {
  if (error.code === 'disk-full') return { tone: 'refused', title: 'result.notSaved', hint: 'result.diskFullHint', params: {} };
  if (error.code === 'unreachable') return { tone: 'refused', title: 'result.notSaved', hint: 'result.unreachableHint', params: {} };
  if (error.code === 'locked' || error.code === 'signed-out') {
    return { tone: 'refused', title: 'result.notSaved', hint: 'result.lockedHint', params: {} };
  }
  return { tone: 'refused', title: 'result.notSaved', hint: failureWords(error).key, params: {} };
}

function refused(refusal: Refusal): Shown {
  const { problem } = refusal;
  // A person sampled earlier today on another PC of the site: the words name that PC.
  const title = 'earlier' in refusal && refusal.earlier.pc !== undefined ? 'siteFeed.sampledTodayRefused' : `problem.${problem}.title`;
  return { tone: 'refused', title, hint: `problem.${problem}.hint`, params: refusalParams(refusal) };
}

export function showScan(result: CallResult<Output<'clerk.scan'>>): Shown {
  if (!result.ok) return notSaved(result.error);
  const outcome = result.value;
  switch (outcome.result) {
    case 'refused':
      return refused(outcome);
    case 'confirm':
      if (outcome.warning === 'tube-not-full') {
        return {
          tone: 'warning',
          sound: 'switch',
          title: 'result.tubeNotFull',
          hint: 'result.tubeNotFullHint',
          params: { ...outcome.previous, next: outcome.barcode },
        };
      }
      return {
        tone: 'warning',
        title: outcome.earlier.pc === undefined ? 'result.sampledToday' : 'siteFeed.sampledToday',
        hint: 'result.sampledTodayHint',
        params: {
          name: outcome.person.name,
          idNumber: outcome.person.idNumber,
          ...refusalParams({ problem: 'sampled-today', earlier: outcome.earlier }),
        },
      };
    case 'tube-opened':
      return {
        tone: 'info',
        title: 'result.tubeOpened',
        hint: 'result.tubeOpenedHint',
        params: { barcode: outcome.tube.barcode, capacity: outcome.tube.capacity },
        note: outcome.sealedBefore ? { key: 'result.previousSealed', params: { ...outcome.sealedBefore } } : undefined,
      };
    case 'tube-still-open':
      return {
        tone: 'info',
        title: 'result.tubeStillOpen',
        hint: 'result.tubeStillOpenHint',
        params: { barcode: outcome.tube.barcode, count: outcome.tube.people.length, capacity: outcome.tube.capacity },
      };
    case 'person-added': {
      const { person, tube } = outcome;
      const params = { name: person.name, position: person.position, capacity: tube.capacity, barcode: tube.barcode };
      // An expired card is registered all the same: the clerk only needs to know.
      const note = outcome.warning === 'card-expired' ? { key: 'result.cardExpired', params: {} } : undefined;
      // A full tube is announced with its change cue ("10换"), as the clerks' earlier tools did.
      const speech = { key: outcome.sealed ? 'speech.full' : 'speech.person', params: { name: person.spokenName, position: person.position } };
      return outcome.sealed
        ? { tone: 'sealed', title: 'result.tubeFull', hint: 'result.tubeFullHint', params, note, speech }
        : { tone: 'ok', title: 'result.personAdded', hint: 'result.personAddedHint', params, note, speech };
    }
  }
}

/** What this desk's own scanner or card reader read, as the core pushed it; the words may name the device. */
export function showReading(reading: EventPayload<'desk.reading'>): Shown {
  if (reading.outcome === null) return notSaved(reading.error ?? { code: 'internal', message: '' });
  const { outcome } = reading;
  const shown = showScan({ ok: true, value: outcome });
  const person = outcome.result === 'person-added' || (outcome.result === 'confirm' && outcome.warning === 'sampled-today') ? outcome.person : null;
  const card = reading.kind === 'card' && person ? { sex: person.sex, birthYear: person.birthYear } : undefined;
  return { ...shown, params: { ...shown.params, device: reading.device }, card };
}

export function showUndo(result: CallResult<Output<'clerk.undo'>>): Shown {
  if (!result.ok) return notSaved(result.error);
  const outcome = result.value;
  if (outcome.result === 'refused') return refused(outcome);
  if (outcome.result === 'switch-undone') {
    return { tone: 'info', title: 'result.switchUndone', hint: 'result.switchUndoneHint', params: { ...outcome.tube, dropped: outcome.dropped } };
  }
  return {
    tone: 'info',
    title: 'result.removed',
    hint: 'result.removedHint',
    params: { name: outcome.person.name, position: outcome.person.position, ...outcome.tube },
  };
}

export function showSeal(result: CallResult<Output<'clerk.sealNow'>>): Shown {
  if (!result.ok) return notSaved(result.error);
  const outcome = result.value;
  if (outcome.result === 'refused') return refused(outcome);
  return { tone: 'sealed', title: 'result.sealed', hint: 'result.sealedHint', params: { ...outcome.tube } };
}

/** A scanner or card reader of this desk went away: plug it back in (it reconnects by itself). */
export function deviceLost(kind: string): Shown {
  return { tone: 'lost', title: `result.deviceLost.${kind}`, hint: 'result.deviceLostHint', params: {} };
}
