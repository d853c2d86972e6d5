// Turns what the core answered into what the clerk sees: a tone (colour) and catalogue keys.
import type { CallResult, EventPayload, Output } from '../../src-main/core/contract';
import type { SoundName } from '../shared/sounds/sounds';
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

export interface Shown {
  tone: Tone;
  title: string;
  hint: string;
  params: Record<string, string | number>;
  /** A second line, e.g. that the previous tube was sealed before this one opened. */
  note?: { key: string; params: Record<string, string | number> };
}

/** A call that failed: a full disk and a lost link have their own words; anything else shows the core's message. */
function notSaved(error: { code: string; message: string }): Shown {
  if (error.code === 'disk-full') return { tone: 'refused', title: 'result.notSaved', hint: 'result.diskFullHint', params: {} };
  if (error.code === 'unreachable') return { tone: 'refused', title: 'result.notSaved', hint: 'result.unreachableHint', params: {} };
  if (error.code === 'locked' || error.code === 'signed-out') {
    return { tone: 'refused', title: 'result.notSaved', hint: 'result.lockedHint', params: {} };
  }
  return { tone: 'refused', title: 'result.notSaved', hint: 'result.notSavedHint', params: { message: error.message } };
}

function refused(refusal: Refusal): Shown {
  const { problem } = refusal;
  return { tone: 'refused', title: `problem.${problem}.title`, hint: `problem.${problem}.hint`, params: refusalParams(refusal) };
}

export function showScan(result: CallResult<Output<'clerk.scan'>>): Shown {
  if (!result.ok) return notSaved(result.error);
  const outcome = result.value;
  switch (outcome.result) {
    case 'refused':
      return refused(outcome);
    case 'confirm':
      return {
        tone: 'warning',
        title: 'result.sampledToday',
        hint: 'result.sampledTodayHint',
        params: { name: outcome.person.name, idNumber: outcome.person.idNumber },
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
      const params = { name: outcome.person.name, position: outcome.person.position, capacity: outcome.tube.capacity };
      // An expired card is registered all the same: the clerk only needs to know.
      const note = outcome.warning === 'card-expired' ? { key: 'result.cardExpired', params: {} } : undefined;
      return outcome.sealed
        ? { tone: 'sealed', title: 'result.tubeFull', hint: 'result.tubeFullHint', params, note }
        : { tone: 'ok', title: 'result.personAdded', hint: 'result.personAddedHint', params, note };
    }
  }
}

/** What this desk's own scanner or card reader read, as the core pushed it; the words may name the device. */
export function showReading(reading: EventPayload<'desk.reading'>): Shown {
  if (reading.outcome === null) return notSaved(reading.error ?? { code: 'internal', message: '' });
  const shown = showScan({ ok: true, value: reading.outcome });
  return { ...shown, params: { ...shown.params, device: reading.device } };
}

export function showUndo(result: CallResult<Output<'clerk.undo'>>): Shown {
  if (!result.ok) return notSaved(result.error);
  const outcome = result.value;
  if (outcome.result === 'refused') return refused(outcome);
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
