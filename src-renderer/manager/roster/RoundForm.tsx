// The round the coverage counts: its first and last day. A day left empty, or a round that ends before it begins,
// is said beside its field and changes nothing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, placeIssues, say, type Placed } from '../../shared/problems';

type Round = Output<'roster.coverage'>['round'];

const FIELDS = ['firstDay', 'lastDay'] as const;

export function RoundForm({ round, onSaved }: { round: Round; onSaved: () => void }) {
  const { t } = useTranslation();
  // The days as typed; until then, the round as the core has it (saved here or in another window).
  const [edits, setEdits] = useState<Partial<Round>>({});
  const typed: Round = { ...round, ...edits };
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);
  const [saved, setSaved] = useState(false);

  async function save(): Promise<void> {
    setSaved(false);
    const empty = FIELDS.filter((field) => typed[field] === '').map((field) => ({ path: [field], problem: 'required' as const }));
    if (empty.length > 0) return setPlaced(placeIssues(empty, FIELDS));
    const result = await bridge.call('roster.setRound', typed);
    if (!result.ok) return setPlaced(placeFailure(result.error, FIELDS));
    setPlaced(NOTHING_PLACED);
    setEdits({});
    setSaved(true);
    onSaved();
  }

  return (
    <form
      className="card roster-block round-form roster-actions"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <strong>{t('coverage.round')}</strong>
      {FIELDS.map((field) => (
        <label key={field}>
          <span>{t(`coverage.${field}`)}</span>
          <input
            type="date"
            data-testid={`round-${field}`}
            value={typed[field]}
            aria-invalid={placed.fields[field] !== undefined}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setEdits((now) => ({ ...now, [field]: value }));
              setSaved(false);
            }}
          />
          <FieldProblem placed={placed} field={field} />
        </label>
      ))}
      <button type="submit" className="primary" data-testid="round-save">
        {t('coverage.setRound')}
      </button>
      {placed.general && (
        <span className="setting-error" role="alert">
          {say(t, placed.general)}
        </span>
      )}
      {saved && (
        <span className="setting-ok" role="status" data-testid="round-saved">
          {t('coverage.roundSaved', round)}
        </span>
      )}
    </form>
  );
}
