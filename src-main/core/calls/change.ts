// What a handler reports it changed, so the core can push fresh state to the windows that show it.
import type { Identity } from './caller';
import type { ReadingOutcome } from '../registration/deskReadings';
import type { GuideCard } from '../preRegistration/guideCard';

export type Change =
  | { kind: 'desk'; desk: string }
  | { kind: 'session'; who: Identity }
  | { kind: 'operators' }
  | { kind: 'guideCard'; card: GuideCard }
  | { kind: 'totals' }
  | { kind: 'reading'; desk: string; reading: ReadingOutcome }
  | { kind: 'devices' }
  // The roster or the round changed: the coverage follows.
  | { kind: 'roster' };
