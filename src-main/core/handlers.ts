// What each channel does. Handlers receive input already validated against the contract and the caller's
// identity; they report which events their change raised.
import type { ChannelName, Identity, Input, Output } from './contract';
import type { Db } from './db/database';
import type { Clock } from './clock';
import { createTubeLoop } from './registration/tubeLoop';
import { createTotals } from './site/totals';
import { readSiteSettings, writeSiteSettings } from './site/settings';

/** A change a handler made, so the core can push fresh state to the windows that show it. */
export type Change = { kind: 'desk'; desk: string } | { kind: 'totals' };

export type Handlers = {
  [C in ChannelName]: (input: Input<C>, who: Identity, changed: (change: Change) => void) => Output<C>;
};

/** Clerk identities always carry their desk: the transports bind it when they authenticate a window. */
function deskOf(who: Identity): string {
  if (!who.desk) throw new Error('a clerk identity without a desk');
  return who.desk;
}

export function createHandlers(db: Db, clock: Clock) {
  const loop = createTubeLoop(db, clock);
  const totals = createTotals(db, clock);

  const handlers: Handlers = {
    'session.whoami': (_input, who) => who,
    'clerk.deskState': (_input, who) => loop.deskState(deskOf(who)),
    'clerk.scan': ({ text }, who, changed) => {
      const desk = deskOf(who);
      const outcome = loop.scan(desk, text);
      if (outcome.result !== 'refused') {
        changed({ kind: 'desk', desk });
        changed({ kind: 'totals' });
      }
      return outcome;
    },
    'clerk.sealNow': (_input, who, changed) => {
      const desk = deskOf(who);
      const outcome = loop.sealNow(desk);
      if (outcome.result === 'sealed') {
        changed({ kind: 'desk', desk });
        changed({ kind: 'totals' });
      }
      return outcome;
    },
    'site.totals': () => totals(),
    'site.settings': () => readSiteSettings(db),
    'site.setPoolingRatio': ({ poolingRatio }) => writeSiteSettings(db, { poolingRatio }),
  };

  return { handlers, deskState: loop.deskState, totals };
}
