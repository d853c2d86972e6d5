// What the packing table answered, as the manager sees and hears it: a tone, a catalogue key and its values.
import type { CallResult, Output } from '../../../src-main/core/contract';
import type { SoundName } from '../../shared/sounds/sounds';

export type PackingTone = 'ok' | 'info' | 'sealed' | 'refused';

export interface PackingShown {
  tone: PackingTone;
  key: string;
  params: Record<string, string | number>;
}

export const PACKING_SOUND: Record<PackingTone, SoundName> = { ok: 'accepted', info: 'notice', sealed: 'full', refused: 'refused' };

export function showPacking(result: CallResult<Output<'packing.scan'>>): PackingShown {
  if (!result.ok) return { tone: 'refused', key: 'packing.notSaved', params: { message: result.error.message } };
  const outcome = result.value;
  if (outcome.result === 'refused') return { tone: 'refused', key: `packing.problem.${outcome.problem}`, params: {} };
  const { bag } = outcome;
  const params = { bag: bag.barcode, count: bag.tubes.length, capacity: bag.capacity, tube: bag.tubes.at(-1) ?? '' };
  if (outcome.result === 'bag-opened') return { tone: 'info', key: 'packing.bagOpened', params };
  if (outcome.result === 'bag-sealed') return { tone: 'sealed', key: 'packing.bagSealed', params };
  return outcome.sealed ? { tone: 'sealed', key: 'packing.bagFull', params } : { tone: 'ok', key: 'packing.tubePacked', params };
}
