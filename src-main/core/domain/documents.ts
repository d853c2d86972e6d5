// Validation per document type. Resident ID cards and the two permits that share the GB 11643 structure are
// checked in full; passports and other documents only for shape.
import { checkCharacter, isRealPastDate, validateResidentId, type ResidentIdProblem } from './residentId';

export const DOCUMENT_TYPES = ['resident-id', 'hmt-permit', 'foreign-permanent', 'passport', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type DocumentProblem = `id-${ResidentIdProblem}` | 'id-region';

export type DocumentVerdict = { ok: true; number: string } | { ok: false; problem: DocumentProblem };

// Hong Kong, Macao and Taiwan residence permits use these region codes in place of a mainland one.
const HMT_REGIONS = ['810000', '820000', '830000'];

function residentStructure(number: string, today: Date): DocumentVerdict {
  const verdict = validateResidentId(number, today);
  return verdict.ok ? { ok: true, number: verdict.number } : { ok: false, problem: `id-${verdict.problem}` };
}

/** The 2017 card: nationality (3 letters), region (2 digits), birth YYMMDD, sequence (3), check digit (1). */
function foreignPermanent2017(number: string, today: Date): DocumentVerdict {
  // The check digit's algorithm is not public in our sources: the shape and the birth date are checked.
  const yymmdd = number.slice(5, 11);
  const real = isRealPastDate(`20${yymmdd}`, today) || isRealPastDate(`19${yymmdd}`, today);
  return real ? { ok: true, number } : { ok: false, problem: 'id-birthdate' };
}

export function validateDocument(type: DocumentType, raw: string, today: Date): DocumentVerdict {
  const number = raw.trim().toUpperCase();
  switch (type) {
    case 'resident-id': {
      const verdict = residentStructure(number, today);
      if (verdict.ok && HMT_REGIONS.some((region) => verdict.number.startsWith(region.slice(0, 2)))) {
        return { ok: false, problem: 'id-region' };
      }
      return verdict;
    }
    case 'hmt-permit': {
      if (/^\d{17}[\dX]$/.test(number) && !HMT_REGIONS.includes(number.slice(0, 6))) {
        return { ok: false, problem: 'id-region' };
      }
      return /^\d{15}$/.test(number) ? { ok: false, problem: 'id-format' } : residentStructure(number, today);
    }
    case 'foreign-permanent': {
      if (/^[A-Z]{3}\d{12}$/.test(number)) return foreignPermanent2017(number, today);
      if (!/^9\d{16}[\dX]$/.test(number)) return { ok: false, problem: 'id-format' };
      if (!isRealPastDate(number.slice(6, 14), today)) return { ok: false, problem: 'id-birthdate' };
      return checkCharacter(number) === number[17] ? { ok: true, number } : { ok: false, problem: 'id-checkdigit' };
    }
    case 'passport':
      return /^[A-Z0-9]{5,20}$/.test(number) ? { ok: true, number } : { ok: false, problem: 'id-format' };
    case 'other':
      // eslint-disable-next-line no-control-regex
      return number.length >= 1 && number.length <= 40 && !/[\u0000-\u001f\u007f-\u009f]/u.test(number)
        ? { ok: true, number }
        : { ok: false, problem: 'id-format' };
  }
}
