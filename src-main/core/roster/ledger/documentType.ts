// The 证件类型 column of a ledger: the document types in the words the exported files use, and the short forms
// grid workers type.
import { DOCUMENT_TYPES, type DocumentType } from '../../domain/documents';
import { exportWords, type ExportLanguage } from '../../export/words';

const comparable = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

const SHORT_FORMS: Record<string, DocumentType> = { 身份证: 'resident-id', 居民身份证号: 'resident-id', 其他: 'other' };

const LANGUAGES: readonly ExportLanguage[] = ['zh', 'en'];

const TYPE_BY_WORDS = new Map<string, DocumentType>([
  ...LANGUAGES.flatMap((language) => DOCUMENT_TYPES.map((type) => [comparable(exportWords(language).docType[type]), type] as const)),
  ...Object.entries(SHORT_FORMS).map(([words, type]) => [comparable(words), type] as const),
  ...DOCUMENT_TYPES.map((type) => [type, type] as const),
]);

/** A blank cell, or no such column, means a resident ID card; words the station does not know, null. */
export function documentType(text: string): DocumentType | null {
  const words = comparable(text);
  return words === '' ? 'resident-id' : (TYPE_BY_WORDS.get(words) ?? null);
}
