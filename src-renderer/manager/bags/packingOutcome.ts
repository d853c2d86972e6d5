// What the packing table answered, as the manager sees and hears it: a tone, a catalogue key and its values, a second
// line for a bag dropped or sealed on the way, and for a warning the label F2 confirms.
import type { CallResult, Output } from '../../../src-main/core/contract';
import { failureWords, type Words } from '../../shared/problems';
import type { SoundName } from '../../shared/sounds/sounds';

export type PackingTone = 'ok' | 'info' | 'sealed' | 'warning' | 'refused';

type Outcome = Output<'packing.scan'>;
type Problem = Extract<Outcome, { result: 'refused' }>['problem'];

export interface PackingShown {
  tone: PackingTone;
  key: string;
  params: Record<string, string | number>;
  note?: Words;
  /** The label the manager confirms with F2 (sealing the bag the warning names); anything else keeps that bag open. */
  confirm?: { label: string; bag: string };
}

// A bag switched on the desk's tube-switch sound: it is a warning of its own, not a refusal.
export const PACKING_SOUND: Record<PackingTone, SoundName> = { ok: 'accepted', info: 'notice', sealed: 'full', warning: 'switch', refused: 'refused' };

/** Each refusal's words: those the packing table always had, and the one that came with dropping an empty bag. */
const PROBLEM_KEY = (problem: Problem): string => (problem === 'bag-not-empty' ? 'bags.problem.bag-not-empty' : `packing.problem.${problem}`);

export function showPacking(result: CallResult<Outcome>): PackingShown {
  if (!result.ok) return { tone: 'refused', key: failureWords(result.error).key, params: {} };
  const outcome = result.value;
  switch (outcome.result) {
    case 'refused':
      return { tone: 'refused', key: PROBLEM_KEY(outcome.problem), params: {} };
    case 'confirm': {
      const { previous, barcode } = outcome;
      return {
        tone: 'warning',
        key: 'bags.notFull',
        params: { bag: previous.barcode, count: previous.count, capacity: previous.capacity, next: barcode },
        confirm: { label: barcode, bag: previous.barcode },
      };
    }
    case 'bag-dropped':
      return { tone: 'info', key: 'bags.droppedNow', params: { bag: outcome.barcode } };
    case 'bag-still-open': {
      const { bag } = outcome;
      return { tone: 'info', key: 'bags.stillOpen', params: { bag: bag.barcode, count: bag.tubes.length, capacity: bag.capacity } };
    }
    case 'bag-opened': {
      const { bag, dropped, sealedBefore } = outcome;
      const note: Words | undefined = dropped
        ? { key: 'bags.dropped', params: { bag: dropped } }
        : sealedBefore
          ? { key: 'bags.sealedBefore', params: { bag: sealedBefore.barcode, count: sealedBefore.count } }
          : undefined;
      return { tone: 'info', key: 'packing.bagOpened', params: { bag: bag.barcode, capacity: bag.capacity }, note };
    }
    case 'bag-sealed':
    case 'tube-packed': {
      const { bag } = outcome;
      const params = { bag: bag.barcode, count: bag.tubes.length, capacity: bag.capacity, tube: bag.tubes.at(-1) ?? '' };
      if (outcome.result === 'bag-sealed') return { tone: 'sealed', key: 'packing.bagSealed', params };
      return outcome.sealed ? { tone: 'sealed', key: 'packing.bagFull', params } : { tone: 'ok', key: 'bags.tubePacked', params };
    }
  }
}
