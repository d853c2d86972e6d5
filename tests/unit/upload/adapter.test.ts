// What each adapter tells the platform of its sender: the backlog report is the SwabDesk protocol's own, and a
// platform with a template of its own, or FHIR, is not sent it.
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src-main/core/upload/adapters/adapter';
import { defaultUploadSettings } from '../../../src-main/core/upload/uploadSettings';

const fact = {
  factId: '6f1c0d8e-2b7a-4c55-9a0e-1d2f3a4b5c6d',
  kind: 'tube.opened',
  at: '2026-11-23T08:00:00.000Z',
  payload: { factId: '6f1c0d8e-2b7a-4c55-9a0e-1d2f3a4b5c6d', kind: 'tube.opened', at: '2026-11-23T08:00:00.000Z', barcode: '20261123001' },
};
const plain = { siteCode: 'BJ-0101', siteName: '朝阳一点', stationId: '0b8f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4' };
const sender = { ...plain, backlog: { waiting: 12, oldestAt: '2026-11-23T07:58:00.000Z', measuredAt: '2026-11-23T08:00:01.000Z' } };

describe("the sender each adapter sends", () => {
  it('carries the backlog in the SwabDesk protocol', () => {
    const body = adapterFor(defaultUploadSettings).body([fact], sender);
    expect(JSON.parse(body!)).toEqual({ sender, facts: [fact.payload] });
  });

  it("leaves it out with a template, in the batch's sender and in what a template may name", () => {
    const template = JSON.stringify({ factId: '{{factId}}', site: '{{siteCode}}', backlog: '{{backlog}}' });
    const body = adapterFor({ ...defaultUploadSettings, adapter: 'template', template }).body([fact], sender);
    expect(JSON.parse(body!)).toEqual({ sender: plain, facts: [{ factId: fact.factId, site: 'BJ-0101', backlog: null }] });
  });
});
