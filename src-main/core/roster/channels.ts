// The roster's channels: a community's ledger read into a preview, mapped again, imported or cancelled; the
// coverage of the round; the list of who has not come yet, as a page, a file or in full (audited); a person
// excused with a reason, the excuse undone, or taken off the roster.
import { z } from 'zod';
import { channel, managerChannel, noInput } from '../calls/channel';
import { because } from '../domain/inputIssues';
import { LEDGER_PART_BYTES } from '../domain/roster';
import { madeFileSchema } from '../export/dayExport';
import { spreadsheetFormatSchema } from '../export/file';
import { exportLanguageSchema } from '../export/words';
import { ledgerChoiceSchema } from './ledgerFile';
import {
  coverageSchema,
  excuseReasonSchema,
  importedSchema,
  ledgerPreviewSchema,
  notYetFilterSchema,
  notYetPageSchema,
  notYetRequestSchema,
  rosterRowSchema,
  roundSchema,
} from './schemas';

/** The base64 of one part of a ledger (LEDGER_PART_BYTES of the file). */
const LEDGER_PART_BASE64 = (LEDGER_PART_BYTES / 3) * 4;

const async = { signedIn: true, async: true };

export const rosterChannels = {
  // One part of a ledger's file, in order from 0, under an id the window chose; answers the bytes held so far.
  'roster.filePart': managerChannel(
    z.strictObject({ fileId: z.uuid(), part: z.number().int().min(0).max(2048), base64: z.base64().max(LEDGER_PART_BASE64) }),
    z.object({ bytes: z.number().int().min(0) }),
  ),
  // Reads the file sent in parts in the background worker (progress as roster.progress events); stores nothing.
  'roster.open': channel(['manager'], ledgerChoiceSchema.extend({ fileId: z.uuid(), fileName: z.string().min(1).max(260) }), ledgerPreviewSchema, async),
  // The same file, another sheet or mapping.
  'roster.remap': channel(['manager'], ledgerChoiceSchema.extend({ fileId: z.uuid() }), ledgerPreviewSchema, async),
  // Every good row of the preview into the roster: shown all at once, or not at all (see rosterImport.ts).
  'roster.import': channel(['manager'], z.strictObject({ fileId: z.uuid() }), importedSchema, async),
  // Stops a reading or an import under way (nothing is stored) and forgets the file.
  'roster.cancel': managerChannel(z.strictObject({ fileId: z.uuid() }), z.object({ cancelled: z.boolean() })),
  // The refused rows with their reasons, to send back to the grid worker: made, then fetched with site.exportPart.
  'roster.refusedRows': channel(
    ['manager'],
    z.strictObject({ fileId: z.uuid(), format: spreadsheetFormatSchema, language: exportLanguageSchema.default('zh') }),
    madeFileSchema,
    async,
  ),
  'roster.coverage': managerChannel(noInput, coverageSchema),
  'roster.setRound': managerChannel(roundSchema, coverageSchema),
  'roster.notYet': managerChannel(notYetRequestSchema, notYetPageSchema),
  'roster.notYetFile': channel(
    ['manager'],
    z.strictObject({
      filter: notYetFilterSchema.default({}),
      full: z.boolean().default(false),
      format: spreadsheetFormatSchema,
      language: exportLanguageSchema.default('zh'),
    }),
    madeFileSchema,
    async,
  ),
  'roster.excuse': managerChannel(
    z
      .strictObject({ personId: z.uuid(), reason: excuseReasonSchema, note: z.string().max(200).default('') })
      .refine((excuse) => excuse.reason !== 'other' || excuse.note.trim() !== '', { path: ['note'], ...because('reason-needed', 'An excuse of "other" says why.') }),
    rosterRowSchema,
  ),
  'roster.unexcuse': managerChannel(z.strictObject({ personId: z.uuid() }), rosterRowSchema),
  'roster.remove': managerChannel(z.strictObject({ personId: z.uuid(), reason: z.string().trim().min(1).max(200) }), z.object({ removed: z.boolean() })),
};
