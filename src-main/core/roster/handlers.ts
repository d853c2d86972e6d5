// What the roster's channels do. A list in full is in the trail before it is shown.
import { actorOf, type Caller } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { rosterChannels } from './channels';

/** Who acts: the trail's actor, and the name an excuse shows. */
const byOf = (who: Caller) => ({ actor: actorOf(who), name: who.operator?.name ?? '' });

export function rosterHandlers({ roster, db, record }: Services): FeatureHandlers<typeof rosterChannels> {
  const { ledgers, coverage, round, notYet, excusals } = roster;

  /** The trail says who saw the not-yet list with names and phones, and which part of it. */
  function auditFull(full: boolean, filter: object, who: Caller, to: string): void {
    if (full) db.transaction(() => record({ kind: 'roster.listedInFull', subject: 'roster', actor: actorOf(who), data: { filter, to } })).immediate();
  }

  return {
    'roster.filePart': ({ fileId, part, base64 }) => ({ bytes: ledgers.filePart(fileId, part, base64) }),
    'roster.open': ({ fileId, fileName, ...choice }) => ledgers.open(fileId, fileName, choice),
    'roster.remap': ({ fileId, ...choice }) => ledgers.remap(fileId, choice),
    'roster.import': async ({ fileId }, who, changed) => {
      const imported = await ledgers.import(fileId, actorOf(who));
      changed({ kind: 'roster' });
      return imported;
    },
    'roster.cancel': ({ fileId }) => {
      ledgers.cancel(fileId);
      return { cancelled: true };
    },
    'roster.refusedRows': ({ fileId, format, language }) => ledgers.refusedRows(fileId, format, language),
    'roster.coverage': () => {
      round.followToday();
      return coverage();
    },
    'roster.setRound': (next, who, changed) => {
      round.set(next, actorOf(who));
      changed({ kind: 'roster' });
      return coverage();
    },
    'roster.notYet': (request, who) => {
      round.followToday();
      auditFull(request.full, request.filter, who, 'screen');
      return notYet.page(request);
    },
    'roster.notYetFile': ({ filter, full, format, language }, who) => {
      round.followToday();
      auditFull(full, filter, who, format);
      return ledgers.notYetFile(filter, full, format, language);
    },
    'roster.excuse': ({ personId, reason, note }, who, changed) => {
      const person = excusals.excuse(personId, reason, note, byOf(who));
      changed({ kind: 'roster' });
      return person;
    },
    'roster.unexcuse': ({ personId }, who, changed) => {
      const person = excusals.unexcuse(personId, byOf(who));
      changed({ kind: 'roster' });
      return person;
    },
    'roster.remove': ({ personId, reason }, who, changed) => {
      const removed = excusals.remove(personId, reason, byOf(who));
      changed({ kind: 'roster' });
      return { removed };
    },
  };
}
