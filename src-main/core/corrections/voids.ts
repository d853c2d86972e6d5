// The manager's corrections after sealing: a tube or a person is voided with a reason, never deleted; the trail
// keeps who, when, why and what it was before.
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import type { RecordFact } from '../facts/record';
import { cleanText } from '../domain/personText';
import { orInvisibleCharacter } from '../domain/refusals';

export const voidOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('voided') }),
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['tube-unknown', 'tube-open', 'already-voided', 'registration-unknown']),
    }),
  ),
]);
type VoidOutcome = z.output<typeof voidOutcomeSchema>;

/** The reason goes into the trail and to the platform: the same rule as a person's text. */
function withCleanReason(reason: string, run: (reason: string) => VoidOutcome): VoidOutcome {
  const cleaned = cleanText(reason, 'reason');
  return cleaned.ok ? run(cleaned.text) : { result: 'refused', ...cleaned.refusal };
}

export function createVoids(db: Db, clock: Clock, record: RecordFact) {
  const tubeByBarcode = db.prepare<[string], { id: string; status: string; voided_at: string | null }>(
    "SELECT id, status, voided_at FROM tubes WHERE barcode = ? AND status <> 'discarded'",
  );
  const registrationById = db.prepare<[string], { id: string; status: string; tube_status: string; tube_id: string }>(
    `SELECT r.id, r.status, t.status AS tube_status, t.id AS tube_id
     FROM registrations r JOIN tubes t ON t.id = r.tube_id WHERE r.id = ?`,
  );
  const markTube = db.prepare('UPDATE tubes SET voided_at = ? WHERE id = ?');
  const markRegistration = db.prepare("UPDATE registrations SET status = 'voided' WHERE id = ?");

  return {
    voidTube(barcode: string, reason: string, actor: string): VoidOutcome {
      return withCleanReason(reason, (reason) =>
        db.transaction((): VoidOutcome => {
          const tube = tubeByBarcode.get(barcode);
          if (!tube) return { result: 'refused', problem: 'tube-unknown' };
          if (tube.status === 'open') return { result: 'refused', problem: 'tube-open' };
          if (tube.voided_at) return { result: 'refused', problem: 'already-voided' };
          markTube.run(clock().toISOString(), tube.id);
          const facts = { tubeId: tube.id, barcode, reason };
          record({ kind: 'tube.voided', subject: tube.id, actor, data: facts, upload: facts });
          return { result: 'voided' };
        }).immediate(),
      );
    },

    voidRegistration(registrationId: string, reason: string, actor: string): VoidOutcome {
      return withCleanReason(reason, (reason) =>
        db.transaction((): VoidOutcome => {
          const registration = registrationById.get(registrationId);
          if (!registration || registration.status === 'removed') {
            return { result: 'refused', problem: 'registration-unknown' };
          }
          if (registration.tube_status === 'open') return { result: 'refused', problem: 'tube-open' };
          if (registration.status === 'voided') return { result: 'refused', problem: 'already-voided' };
          markRegistration.run(registrationId);
          const facts = { registrationId, tubeId: registration.tube_id, reason, previousStatus: registration.status };
          record({ kind: 'person.voided', subject: registrationId, actor, data: facts, upload: facts });
          return { result: 'voided' };
        }).immediate(),
      );
    },
  };
}
