import { describe, expect, it } from 'vitest';
import { applyTemplate, templateProblem } from '../../../src-main/core/upload/adapters/template';

const fact = {
  factId: '6f1c0d8e-2b7a-4c55-9a0e-1d2f3a4b5c6d',
  kind: 'person.added',
  at: '2026-11-23T08:00:00.000Z',
  payload: { tubeBarcode: '20261123001', position: 3, name: '张伟', birthDate: null, docNumber: '11010519491231002X' },
};
const sender = { siteCode: 'BJ-0101', siteName: '朝阳一点', stationId: '0b8f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4' };

describe('JSON templates', () => {
  it("fills whole placeholders with the value's own type and embedded ones as text", () => {
    const template = JSON.stringify({
      id: '{{factId}}',
      seq: '{{position}}',
      label: '{{siteCode}}-{{tubeBarcode}}#{{position}}',
      birth: '{{birthDate}}',
      nested: [{ who: '{{ name }}', missing: '{{nothing}}', say: 'x{{nothing}}y' }],
      fixed: 42,
    });
    expect(applyTemplate(template, fact, sender)).toEqual({
      id: fact.factId,
      seq: 3,
      label: 'BJ-0101-20261123001#3',
      birth: null,
      nested: [{ who: '张伟', missing: null, say: 'xy' }],
      fixed: 42,
    });
  });

  it('refuses what could never be sent or acknowledged', () => {
    expect(templateProblem('{"id": "{{factId}}"}')).toBeNull();
    expect(templateProblem('{"id": "{{registrationId}}"}')).toMatchObject({ message: expect.stringMatching(/factId/), params: { problem: 'template-without-fact-id' } });
    expect(templateProblem('[{"id": "{{factId}}"}]')).toMatchObject({ message: expect.stringMatching(/object/), params: { problem: 'template-not-object' } });
    expect(templateProblem('{"id": ')).toMatchObject({ message: expect.stringMatching(/not JSON/), params: { problem: 'template-not-json' } });
  });
});
