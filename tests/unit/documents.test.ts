// Validation per document type.
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src-main/core/domain/documents';
import { checkCharacter } from '../../src-main/core/domain/residentId';

const TODAY = new Date(2026, 10, 22);
const withCheck = (first17: string) => first17 + checkCharacter(first17);

describe('documents', () => {
  it('takes a resident ID card, but not a permit number typed as one', () => {
    expect(validateDocument('resident-id', '110101199003071233', TODAY)).toEqual({ ok: true, number: '110101199003071233' });
    expect(validateDocument('resident-id', withCheck('81000019900307123'), TODAY)).toEqual({ ok: false, problem: 'id-region' });
  });

  it('checks a Hong Kong, Macao or Taiwan residence permit in full', () => {
    for (const region of ['810000', '820000', '830000']) {
      const number = withCheck(`${region}19900307123`);
      expect(validateDocument('hmt-permit', number, TODAY)).toEqual({ ok: true, number });
    }
    expect(validateDocument('hmt-permit', '110101199003071233', TODAY)).toEqual({ ok: false, problem: 'id-region' });
    const wrongCheck = withCheck('81000019900307123').slice(0, 17) + '0';
    if (wrongCheck !== withCheck('81000019900307123')) {
      expect(validateDocument('hmt-permit', wrongCheck, TODAY)).toEqual({ ok: false, problem: 'id-checkdigit' });
    }
    expect(validateDocument('hmt-permit', withCheck('81000019900230123'), TODAY)).toEqual({ ok: false, problem: 'id-birthdate' });
  });

  it('takes both foreign permanent resident card formats', () => {
    expect(validateDocument('foreign-permanent', 'usa119003070015', TODAY)).toEqual({ ok: true, number: 'USA119003070015' });
    expect(validateDocument('foreign-permanent', 'USA119002300015', TODAY)).toEqual({ ok: false, problem: 'id-birthdate' });
    const card2023 = withCheck('93384019900307001');
    expect(validateDocument('foreign-permanent', card2023, TODAY)).toEqual({ ok: true, number: card2023 });
    expect(validateDocument('foreign-permanent', withCheck('93384020300307001'), TODAY)).toEqual({ ok: false, problem: 'id-birthdate' });
    expect(validateDocument('foreign-permanent', '110101199003071233', TODAY)).toEqual({ ok: false, problem: 'id-format' });
  });

  it('checks passports and other documents for shape only', () => {
    expect(validateDocument('passport', ' e12345678 ', TODAY)).toEqual({ ok: true, number: 'E12345678' });
    expect(validateDocument('passport', 'E123 45678', TODAY)).toEqual({ ok: false, problem: 'id-format' });
    expect(validateDocument('passport', 'E12', TODAY)).toEqual({ ok: false, problem: 'id-format' });
    expect(validateDocument('other', '军官证 123', TODAY)).toEqual({ ok: true, number: '军官证 123' });
    expect(validateDocument('other', '', TODAY)).toEqual({ ok: false, problem: 'id-format' });
    expect(validateDocument('other', 'a\u0007b', TODAY)).toEqual({ ok: false, problem: 'id-format' });
  });
});
