// The clerk's loop at one desk: open a tube, add people up to N, seal it (full, early, or replaced), undo the
// last person. Each step is one immediate transaction that writes the change and its fact (audit + outbox);
// a refusal returns before anything is written.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';
import { shownName, spokenName, type DeskSettings } from '../domain/deskSettings';
import { maskIdNumber } from '../domain/mask';
import { checkPerson, sexSchema, type Person, type PersonFields } from '../domain/person';
import { orInvisibleCharacter, PERSON_PROBLEMS } from '../domain/refusals';
import type { CardText } from '../domain/devices';
import { checkCardPerson } from './cardPerson';
import { classifyScan } from '../domain/scan';
import { STICKER_PROBLEMS, type StickerKeyring } from '../domain/stickerCode';
import type { RecordFact } from '../facts/record';
import { readSiteSettings, scanPatterns, settingsOfDesk } from '../site/settings';
import { createMirrorLookups } from '../siteFeed/mirrorLookups';

/** Every problem the clerk's desk can be told of: refusals of the loop, and a scan its scanner could not read. */
export const problemSchema = z.enum([
  'no-open-tube',
  // A tube barcode used before, each said with what is true of it (see usedTubeRefusalSchema).
  'tube-sealed',
  'tube-open-elsewhere',
  'tube-used-before',
  // Open or sealed on another PC of the site, as far as the mirror knows: said with its desk and PC.
  'tube-used-elsewhere',
  'person-already-in-tube',
  // Said with when and at which desk (see sampledTodaySchema).
  'sampled-today',
  'tube-empty',
  // F4 with nothing it may take out: no tube open (a sealed one is the manager's to correct), or an empty one.
  'undo-no-tube',
  'undo-tube-empty',
  // F4 after a tube switch, when the tube it replaced went into a bag or was voided meanwhile.
  'undo-switch-too-late',
  'bag-label-at-desk',
  'scan-too-long',
  'scan-control-characters',
  'scan-invalid-text',
  'code-unknown',
  // A pre-registration sticker whose code was changed or made up, or sealed with a key this station does not hold.
  ...STICKER_PROBLEMS,
  'scan-full-width',
  'scan-pinyin',
  'nothing-to-confirm',
  'scan-typed',
  // A desk's scanner sent something no decoder could read (wrong mode, wrong profile, an oversized code).
  'scan-not-understood',
  ...PERSON_PROBLEMS,
  // Worded with the character's field, code point and position, which its refusal carries.
  'invisible-character',
]);

/** Who acts at the desk: the desk the window is bound to, the actor the audit trail names, and the operator signed in. */
export interface DeskActor {
  desk: string;
  actor: string;
  operatorId: string | null;
}

const personSummarySchema = z.object({
  position: z.number().int(),
  name: z.string(),
  idNumber: z.string(),
});
type PersonSummary = z.output<typeof personSummarySchema>;

/**
 * The person just scanned, as the desk shows and says it: the name as its settings allow (spokenName holds only
 * what its read-out setting reads: '' when off or position only), and the sex and year of birth to compare with
 * the face in front of the clerk (null when the document does not say).
 */
const scannedPersonSchema = personSummarySchema.extend({
  spokenName: z.string(),
  sex: sexSchema.nullable(),
  birthYear: z.number().int().nullable(),
});
type ScannedPerson = z.output<typeof scannedPersonSchema>;

const tubeViewSchema = z.object({
  barcode: z.string(),
  capacity: z.number().int(),
  openedAt: z.string(),
  people: z.array(personSummarySchema),
});
type TubeView = z.output<typeof tubeViewSchema>;

const tubeCountSchema = z.object({
  barcode: z.string(),
  count: z.number().int(),
  capacity: z.number().int(),
});
type TubeCount = z.output<typeof tubeCountSchema>;

export const deskStateSchema = z.object({
  desk: z.string(),
  tube: tubeViewSchema.nullable(),
});
type DeskState = z.output<typeof deskStateSchema>;

/**
 * A tube barcode used before is refused with what the clerk needs to know of it: sealed (when, with how many), open
 * at another desk (which), or used on another day (which). Each says: take a new tube.
 */
const usedTubeRefusalSchema = z.discriminatedUnion('problem', [
  z.object({ result: z.literal('refused'), problem: z.literal('tube-sealed'), sealedAt: z.string(), count: z.number().int() }),
  z.object({ result: z.literal('refused'), problem: z.literal('tube-open-elsewhere'), desk: z.string() }),
  z.object({ result: z.literal('refused'), problem: z.literal('tube-used-before'), day: z.string() }),
  z.object({ result: z.literal('refused'), problem: z.literal('tube-used-elsewhere'), desk: z.string(), pc: z.string() }),
]);
const USED_TUBE_PROBLEMS = ['tube-sealed', 'tube-open-elsewhere', 'tube-used-before', 'tube-used-elsewhere'] as const;

/** When and at which desk a person was sampled earlier today; `pc` when it was on another PC of the site. */
const earlierSchema = z.object({ at: z.string(), desk: z.string(), pc: z.string().optional() });
type Earlier = z.output<typeof earlierSchema>;

/** What the clerk confirms with F2: a person sampled earlier today, or sealing a tube that is not full for a new one. */
const confirmSchema = z.discriminatedUnion('warning', [
  z.object({ result: z.literal('confirm'), warning: z.literal('sampled-today'), person: scannedPersonSchema, earlier: earlierSchema }),
  z.object({ result: z.literal('confirm'), warning: z.literal('tube-not-full'), previous: tubeCountSchema, barcode: z.string() }),
]);

export const scanOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('tube-opened'), tube: tubeViewSchema, sealedBefore: tubeCountSchema.nullable() }),
  // The desk's own open tube scanned again: nothing changes, the clerk goes on with it.
  z.object({ result: z.literal('tube-still-open'), tube: tubeViewSchema }),
  z.object({
    result: z.literal('person-added'),
    person: scannedPersonSchema,
    tube: tubeCountSchema,
    sealed: z.boolean(),
    warning: z.literal('card-expired').optional(),
  }),
  confirmSchema,
  z.discriminatedUnion('problem', [
    orInvisibleCharacter(
      z.object({
        result: z.literal('refused'),
        problem: problemSchema.exclude(['invisible-character', 'sampled-today', ...USED_TUBE_PROBLEMS]),
      }),
    ),
    usedTubeRefusalSchema,
    z.object({ result: z.literal('refused'), problem: z.literal('sampled-today'), earlier: earlierSchema }),
  ]),
]);
export type ScanOutcome = z.output<typeof scanOutcomeSchema>;

export const sealOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('sealed'), tube: tubeCountSchema }),
  z.object({ result: z.literal('refused'), problem: problemSchema }),
]);
type SealOutcome = z.output<typeof sealOutcomeSchema>;

export const undoOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('removed'), person: personSummarySchema, tube: tubeCountSchema }),
  // F4 right after a confirmed tube switch: the new, empty tube dropped and the one it replaced open again.
  z.object({ result: z.literal('switch-undone'), dropped: z.string(), tube: tubeCountSchema }),
  z.object({ result: z.literal('refused'), problem: problemSchema }),
]);
type UndoOutcome = z.output<typeof undoOutcomeSchema>;

/** How the person reached the desk: a scanned code, an ID card on the reader, or typed by the clerk. */
type Source = 'scan' | 'card' | 'manual';

interface TubeRow {
  id: string;
  barcode: string;
  capacity: number;
  opened_at: string;
  replaces: string | null;
}

const summarise = (position: number, name: string, docNumber: string, settings: DeskSettings): PersonSummary => ({
  position,
  name: shownName(name, settings),
  idNumber: maskIdNumber(docNumber),
});

const scannedPerson = (position: number, person: Person, settings: DeskSettings): ScannedPerson => ({
  ...summarise(position, person.name, person.docNumber, settings),
  spokenName: spokenName(person.name, settings.readOut),
  sex: person.sex,
  birthYear: person.birthDate === null ? null : Number(person.birthDate.slice(0, 4)),
});

/**
 * The searches every scan makes, on a station that holds a million registrations: each must go through its index
 * (a test reads their query plans), or a scan's wait would grow with every person the site ever registered.
 */
export const TUBE_LOOP_SEARCHES = {
  /** The desk's open tube. */
  openTubeAt: "SELECT id, barcode, capacity, opened_at, replaces FROM tubes WHERE desk = ? AND status = 'open'",
  /** A tube barcode already used (a discarded tube's barcode may be used again), and what became of that tube. */
  barcodeInUse: `SELECT id, barcode, capacity, opened_at, replaces, desk, status, day, closed_at AS closedAt,
                   (SELECT count(*) FROM registrations r WHERE r.tube_id = tubes.id AND r.status = 'active') AS count
                 FROM tubes WHERE barcode = ? AND status <> 'discarded'`,
  /** The same person already in this tube. */
  personIn: "SELECT id FROM registrations WHERE tube_id = ? AND doc_type = ? AND doc_number = ? AND status = 'active'",
  /** The same person already sampled on this day at this site: when, and at which desk. */
  sampledOn: `SELECT r.created_at AS at, t.desk FROM registrations r JOIN tubes t ON t.id = r.tube_id
              WHERE r.doc_type = ? AND r.doc_number = ? AND r.day = ? AND r.status = 'active'
              ORDER BY r.created_at LIMIT 1`,
} as const;

/** `stickerKeys`: the keys a pre-registration sticker scanned at a desk is opened with. */
export function createTubeLoop(db: Db, clock: Clock, record: RecordFact, stickerKeys: StickerKeyring) {
  const openTubeAt = db.prepare<[string], TubeRow>(TUBE_LOOP_SEARCHES.openTubeAt);
  const barcodeInUse = db.prepare<
    [string],
    TubeRow & { desk: string; status: string; day: string; closedAt: string | null; count: number }
  >(TUBE_LOOP_SEARCHES.barcodeInUse);
  const knowDesk = db.prepare('INSERT OR IGNORE INTO desks (code, id, created_at) VALUES (?, ?, ?)');
  const insertTube = db.prepare(
    `INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day, operator_id, replaces)
     VALUES (@id, @barcode, @desk, @capacity, 'open', @openedAt, @day, @operatorId, @replaces)`,
  );
  const replacedTube = db.prepare<[string], TubeRow & { status: string; sealReason: string | null; voided: number; bagged: number }>(
    `SELECT id, barcode, capacity, opened_at, replaces, status, seal_reason AS sealReason, voided_at IS NOT NULL AS voided,
            EXISTS (SELECT 1 FROM bag_tubes b WHERE b.tube_id = tubes.id) AS bagged
     FROM tubes WHERE id = ?`,
  );
  const reopenTube = db.prepare("UPDATE tubes SET status = 'open', seal_reason = NULL, closed_at = NULL WHERE id = ?");
  const closeTube = db.prepare(
    'UPDATE tubes SET status = @status, seal_reason = @reason, closed_at = @closedAt WHERE id = @id',
  );
  const peopleIn = db.prepare<[string], { id: string; position: number; name: string; doc_number: string }>(
    "SELECT id, position, name, doc_number FROM registrations WHERE tube_id = ? AND status = 'active' ORDER BY position",
  );
  const countIn = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM registrations WHERE tube_id = ? AND status = 'active'",
  );
  const personIn = db.prepare<[string, string, string], { id: string }>(TUBE_LOOP_SEARCHES.personIn);
  const sampledOn = db.prepare<[string, string, string], Earlier>(TUBE_LOOP_SEARCHES.sampledOn);
  const insertRegistration = db.prepare(
    `INSERT INTO registrations
       (id, tube_id, position, doc_type, doc_number, name, phone, sex, birth_date, source, created_at, day, operator_id)
     VALUES (@id, @tubeId, @position, @docType, @docNumber, @name, @phone, @sex, @birthDate, @source, @createdAt, @day,
             @operatorId)`,
  );
  const removeRegistration = db.prepare("UPDATE registrations SET status = 'removed' WHERE id = ?");
  const mirror = createMirrorLookups(db);

  const deskSettings = (desk: string) => settingsOfDesk(readSiteSettings(db), desk);

  function tubeView(row: TubeRow, settings: DeskSettings): TubeView {
    return {
      barcode: row.barcode,
      capacity: row.capacity,
      openedAt: row.opened_at,
      people: peopleIn.all(row.id).map((p) => summarise(p.position, p.name, p.doc_number, settings)),
    };
  }

  function close(tube: TubeRow, reason: 'full' | 'early' | 'replaced', count: number, actor: string): TubeCount {
    const discarded = count === 0;
    closeTube.run({
      id: tube.id,
      status: discarded ? 'discarded' : 'sealed',
      reason: discarded ? null : reason,
      closedAt: clock().toISOString(),
    });
    const facts = { tubeId: tube.id, barcode: tube.barcode, count, reason };
    record(
      discarded
        ? { kind: 'tube.discarded', subject: tube.id, actor, data: facts, upload: facts }
        : { kind: 'tube.sealed', subject: tube.id, actor, data: facts, upload: facts },
    );
    return { barcode: tube.barcode, count, capacity: tube.capacity };
  }

  /** What to tell the clerk of a tube barcode used before: go on with it, or take a new tube and why. */
  function usedTube(at: DeskActor, used: NonNullable<ReturnType<typeof barcodeInUse.get>>, now: Date): ScanOutcome {
    if (used.status === 'open') {
      if (used.desk === at.desk) return { result: 'tube-still-open', tube: tubeView(used, deskSettings(at.desk)) };
      return { result: 'refused', problem: 'tube-open-elsewhere', desk: used.desk };
    }
    if (used.day !== localDay(now)) return { result: 'refused', problem: 'tube-used-before', day: used.day };
    return { result: 'refused', problem: 'tube-sealed', sealedAt: used.closedAt ?? '', count: used.count };
  }

  /**
   * A new tube for the desk. An open tube with people in it but not full is sealed only once the clerk confirmed
   * it (F2): a tube scanned by mistake must not seal a half-full one. An empty open tube is simply discarded.
   */
  function openTube(at: DeskActor, barcode: string, confirmed: boolean): ScanOutcome {
    const used = barcodeInUse.get(barcode);
    if (used) return usedTube(at, used, clock());
    const elsewhere = mirror.tubeElsewhere(barcode);
    if (elsewhere) return { result: 'refused', problem: 'tube-used-elsewhere', desk: elsewhere.desk, pc: elsewhere.pc };
    const current = openTubeAt.get(at.desk);
    let sealedBefore: TubeCount | null = null;
    if (current) {
      const count = countIn.get(current.id)!.n;
      const previous = { barcode: current.barcode, count, capacity: current.capacity };
      if (count > 0 && !confirmed) return { result: 'confirm', warning: 'tube-not-full', previous, barcode };
      close(current, 'replaced', count, at.actor);
      sealedBefore = count > 0 ? previous : null;
    }
    const now = clock();
    knowDesk.run(at.desk, randomUUID(), now.toISOString());
    const row: TubeRow = {
      id: randomUUID(),
      barcode,
      capacity: readSiteSettings(db).poolingRatio,
      opened_at: now.toISOString(),
      // Named so that F4 can take the switch back before anyone goes into the new tube.
      replaces: sealedBefore ? current!.id : null,
    };
    insertTube.run({
      id: row.id,
      barcode,
      desk: at.desk,
      capacity: row.capacity,
      openedAt: row.opened_at,
      day: localDay(now),
      operatorId: at.operatorId,
      replaces: row.replaces,
    });
    const facts = { tubeId: row.id, barcode, desk: at.desk, capacity: row.capacity };
    record({ kind: 'tube.opened', subject: row.id, actor: at.actor, data: facts, upload: facts, at: now });
    return { result: 'tube-opened', tube: tubeView(row, deskSettings(at.desk)), sealedBefore };
  }

  /**
   * F4 on the empty tube a confirmed switch opened: it is dropped and the tube it replaced opened again, as if the
   * switch had not been confirmed. Too late once the replaced tube went into a bag or was voided.
   */
  function undoSwitch(at: DeskActor, tube: TubeRow): UndoOutcome {
    const replaced = replacedTube.get(tube.replaces!);
    if (!replaced || replaced.status !== 'sealed' || replaced.sealReason !== 'replaced' || replaced.voided || replaced.bagged) {
      return { result: 'refused', problem: 'undo-switch-too-late' };
    }
    const now = clock().toISOString();
    closeTube.run({ id: tube.id, status: 'discarded', reason: null, closedAt: now });
    const dropped = { tubeId: tube.id, barcode: tube.barcode, count: 0, reason: 'switch-undone' };
    record({ kind: 'tube.discarded', subject: tube.id, actor: at.actor, data: dropped, upload: dropped });
    reopenTube.run(replaced.id);
    const count = countIn.get(replaced.id)!.n;
    const reopened = { tubeId: replaced.id, barcode: replaced.barcode, count, instead: tube.barcode };
    record({ kind: 'tube.reopened', subject: replaced.id, actor: at.actor, data: reopened, upload: reopened });
    return { result: 'switch-undone', dropped: tube.barcode, tube: { barcode: replaced.barcode, count, capacity: replaced.capacity } };
  }

  function addPerson(at: DeskActor, tube: TubeRow, person: Person, source: Source, confirmed: boolean): ScanOutcome {
    if (personIn.get(tube.id, person.docType, person.docNumber)) {
      return { result: 'refused', problem: 'person-already-in-tube' };
    }
    const position = countIn.get(tube.id)!.n + 1;
    const now = clock();
    const day = localDay(now);
    const settings = readSiteSettings(db);
    const shown = scannedPerson(position, person, settingsOfDesk(settings, at.desk));
    const earlier = sampledOn.get(person.docType, person.docNumber, day) ?? mirror.sampledElsewhere(person.docType, person.docNumber, day);
    if (earlier) {
      if (settings.sameDayRepeat === 'refuse') return { result: 'refused', problem: 'sampled-today', earlier };
      if (!confirmed) return { result: 'confirm', warning: 'sampled-today', person: shown, earlier };
    }
    const id = randomUUID();
    insertRegistration.run({
      id,
      tubeId: tube.id,
      position,
      ...person,
      source,
      createdAt: now.toISOString(),
      day,
      operatorId: at.operatorId,
    });
    record({
      kind: 'person.added',
      subject: id,
      actor: at.actor,
      data: { registrationId: id, tubeId: tube.id, position, source, repeatConfirmed: confirmed },
      upload: { registrationId: id, tubeId: tube.id, tubeBarcode: tube.barcode, position, source, ...person },
    });
    const sealed = position >= tube.capacity;
    if (sealed) close(tube, 'full', position, at.actor);
    return {
      result: 'person-added',
      person: shown,
      tube: { barcode: tube.barcode, count: position, capacity: tube.capacity },
      sealed,
    };
  }

  function register(at: DeskActor, fields: PersonFields, source: Source, confirmed: boolean): ScanOutcome {
    // Without a tube nothing else about the person matters.
    const tube = openTubeAt.get(at.desk);
    if (!tube) return { result: 'refused', problem: 'no-open-tube' };
    const checked = checkPerson(fields, clock());
    if (!checked.ok) return { result: 'refused', ...checked.refusal };
    return addPerson(at, tube, checked.person, source, confirmed);
  }

  /** A token is stored as it is, for the platform to resolve: no name or phone is known at the desk. */
  function registerToken(at: DeskActor, token: string, confirmed: boolean): ScanOutcome {
    const tube = openTubeAt.get(at.desk);
    if (!tube) return { result: 'refused', problem: 'no-open-tube' };
    const person: Person = { docType: 'code-token', docNumber: token, name: '', phone: '', sex: null, birthDate: null };
    return addPerson(at, tube, person, 'scan', confirmed);
  }

  return {
    /**
     * `confirmed` answers a warning the clerk was shown for this same scan (a person already sampled today).
     * `typed`: the window saw a person type this, not a scanner. A worn tube label may be typed; a person's
     * code may not, since a person without a working code is entered with the manual-entry form and its checks.
     */
    scan(at: DeskActor, text: string, confirmed = false, typed = false): ScanOutcome {
      return db
        .transaction((): ScanOutcome => {
          const settings = readSiteSettings(db);
          const scanned = classifyScan(text, scanPatterns(settings), settings.codeFormats, stickerKeys);
          if (scanned.kind === 'refused') return { result: 'refused', problem: scanned.problem };
          if (scanned.kind === 'bag') return { result: 'refused', problem: 'bag-label-at-desk' };
          if (scanned.kind === 'tube') return openTube(at, scanned.barcode, confirmed);
          if (typed) return { result: 'refused', problem: 'scan-typed' };
          if (scanned.kind === 'token') return registerToken(at, scanned.token, confirmed);
          return register(at, scanned.fields, 'scan', confirmed);
        })
        .immediate();
    },

    /** Manual entry, for a person with neither card nor code: the same checks and rules as a scan. */
    enter(at: DeskActor, fields: PersonFields, confirmed = false): ScanOutcome {
      return db.transaction((): ScanOutcome => register(at, fields, 'manual', confirmed)).immediate();
    },

    /** An ID card read by the desk's reader: an expired card is registered with a warning, never refused. */
    card(at: DeskActor, card: CardText, confirmed = false): ScanOutcome {
      return db
        .transaction((): ScanOutcome => {
          const tube = openTubeAt.get(at.desk);
          if (!tube) return { result: 'refused', problem: 'no-open-tube' };
          const checked = checkCardPerson(card, clock());
          if (!checked.ok) return { result: 'refused', ...checked.refusal };
          const outcome = addPerson(at, tube, checked.person, 'card', confirmed);
          return outcome.result === 'person-added' && checked.expired ? { ...outcome, warning: 'card-expired' } : outcome;
        })
        .immediate();
    },

    sealNow(at: DeskActor): SealOutcome {
      return db
        .transaction((): SealOutcome => {
          const tube = openTubeAt.get(at.desk);
          if (!tube) return { result: 'refused', problem: 'no-open-tube' };
          const count = countIn.get(tube.id)!.n;
          if (count === 0) return { result: 'refused', problem: 'tube-empty' };
          return { result: 'sealed', tube: close(tube, 'early', count, at.actor) };
        })
        .immediate();
    },

    /**
     * Takes the last person out of the open tube, or takes back a tube switch before anyone went into the new
     * tube; after sealing only the manager can void.
     */
    undoLast(at: DeskActor): UndoOutcome {
      return db
        .transaction((): UndoOutcome => {
          const tube = openTubeAt.get(at.desk);
          if (!tube) return { result: 'refused', problem: 'undo-no-tube' };
          const last = peopleIn.all(tube.id).at(-1);
          if (!last) return tube.replaces ? undoSwitch(at, tube) : { result: 'refused', problem: 'undo-tube-empty' };
          removeRegistration.run(last.id);
          const facts = { registrationId: last.id, tubeId: tube.id, position: last.position };
          record({ kind: 'person.removed', subject: last.id, actor: at.actor, data: facts, upload: facts });
          return {
            result: 'removed',
            person: summarise(last.position, last.name, last.doc_number, deskSettings(at.desk)),
            tube: { barcode: tube.barcode, count: last.position - 1, capacity: tube.capacity },
          };
        })
        .immediate();
    },

    deskState(desk: string): DeskState {
      const tube = openTubeAt.get(desk);
      return { desk, tube: tube ? tubeView(tube, deskSettings(desk)) : null };
    },
  };
}

export type TubeLoop = ReturnType<typeof createTubeLoop>;
