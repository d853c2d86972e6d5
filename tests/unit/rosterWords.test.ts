// The roster's screens word every field, refused row's reason and excuse the core can name, in both languages.
import { describe, expect, it } from 'vitest';
import { EXCUSE_REASONS, ROSTER_FIELDS } from '../../src-main/core/domain/roster';
import { ROSTER_ROW_PROBLEMS } from '../../src-main/core/roster/rosterPerson';
import en from '../../src-renderer/shared/locales/en.json';
import zh from '../../src-renderer/shared/locales/zh.json';

describe('the roster’s words', () => {
  for (const [language, catalogue] of [['zh', zh], ['en', en]] as const) {
    it(`name every field, reason and excuse in ${language}`, () => {
      for (const field of ROSTER_FIELDS) expect(catalogue.roster.fields[field], field).toBeTruthy();
      for (const problem of ROSTER_ROW_PROBLEMS) expect(catalogue.roster.problem[problem], problem).toBeTruthy();
      for (const reason of EXCUSE_REASONS) expect(catalogue.coverage.reasons[reason], reason).toBeTruthy();
    });
  }
});
