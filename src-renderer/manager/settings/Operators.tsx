// Who may sign in: clerks (at desks and the pre-registration window) and managers, each with a PIN of 4 to 8
// digits and, where the site uses them, a staff number. Add one, give a new PIN, or disable one who left; nobody is
// deleted, so the trail can name them. Two may not share a name (the core refuses it).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, say, type Placed, type Words } from '../../shared/problems';
import { refusalParams } from '../../shared/refusalParams';
import { StaffNumber } from './StaffNumber';

type Operator = Output<'site.operators'>[number];
type Refused = Extract<Output<'site.saveOperator'>, { result: 'refused' }>;

const FIELDS = ['name', 'role', 'pin', 'staffNumber'];

/** The field each refusal concerns, beside which it is said. */
const FIELD_OF: Record<Refused['problem'], string | null> = {
  'operator-unknown': null,
  'name-missing': 'name',
  'name-too-long': 'name',
  'name-taken': 'name',
  'invisible-character': 'name',
  'pin-format': 'pin',
  'pin-needed': 'pin',
  'role-needed': 'role',
  'staff-number-format': 'staffNumber',
};

function placeRefusal(refused: Refused): Placed {
  const words: Words = { key: `settings.operatorProblem.${refused.problem}`, params: refusalParams(refused) };
  const field = FIELD_OF[refused.problem];
  return field ? { fields: { [field]: words }, general: null } : { fields: {}, general: words };
}

/** What saving came to: saved, or each problem placed beside its field (or for the form). */
async function saveOperator(changes: Input<'site.saveOperator'>): Promise<Placed | null> {
  const result = await bridge.call('site.saveOperator', changes);
  if (!result.ok) return placeFailure(result.error, FIELDS);
  return result.value.result === 'refused' ? placeRefusal(result.value) : null;
}

/** A new PIN for one operator, typed in place (no dialog: Electron has no window.prompt). */
function NewPin({ name, onPin }: { name: string; onPin: (pin: string) => Promise<Placed | null> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('settings.newPin')}
      </button>
    );
  }
  return (
    <span className="new-pin">
      <label className="field">
        <input type="password" inputMode="numeric" aria-label={t('settings.newPinFor', { name })} value={pin} onChange={(e) => setPin(e.currentTarget.value)} />
        <FieldProblem placed={placed} field="pin" />
      </label>
      <button
        type="button"
        className="primary"
        onClick={() =>
          void onPin(pin).then((refused) => {
            setPlaced(refused ?? NOTHING_PLACED);
            if (!refused) setOpen(false);
            setPin('');
          })
        }
      >
        {t('settings.save')}
      </button>
    </span>
  );
}

export function Operators() {
  const { t } = useTranslation();
  const [operators, setOperators] = useState<Operator[]>([]);
  const [draft, setDraft] = useState({ name: '', role: 'clerk' as Operator['role'], pin: '', staffNumber: '' });
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);
  const [message, setMessage] = useState<{ ok: boolean; words: Words } | null>(null);

  const reload = useCallback(
    () =>
      bridge.call('site.operators', {}).then((result) => {
        if (result.ok) setOperators(result.value);
      }),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Saves and says so; a problem for no field of the add form (a PIN of a row, a disable) is said for the list. */
  async function saved(changes: Input<'site.saveOperator'>, done: string): Promise<Placed | null> {
    const refused = await saveOperator(changes);
    setMessage(refused ? (refused.general ? { ok: false, words: refused.general } : null) : { ok: true, words: { key: done } });
    await reload();
    return refused;
  }

  return (
    <section className="card settings-section">
      <h2>{t('settings.operators')}</h2>
      <table className="settings-table" data-testid="operators">
        <tbody>
          {operators.map((operator) => (
            <tr key={operator.id} className={operator.disabled ? 'muted' : undefined}>
              <td>{operator.name}</td>
              <td>{t(`settings.roles.${operator.role}`)}</td>
              <td>
                <StaffNumber
                  name={operator.name}
                  value={operator.staffNumber}
                  onSave={(staffNumber) => saved({ id: operator.id, staffNumber }, 'settings.saved')}
                />
              </td>
              <td>{operator.disabled ? t('settings.disabled') : ''}</td>
              <td>
                <NewPin name={operator.name} onPin={(pin) => saved({ id: operator.id, pin }, 'settings.pinChanged')} />
                <button type="button" onClick={() => void saved({ id: operator.id, disabled: !operator.disabled }, 'settings.saved')}>
                  {t(operator.disabled ? 'settings.enable' : 'settings.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="add-operator"
        onSubmit={(event) => {
          event.preventDefault();
          void saved(draft, 'settings.operatorAdded').then((refused) => {
            setPlaced(refused ?? NOTHING_PLACED);
            if (!refused) setDraft({ name: '', role: 'clerk', pin: '', staffNumber: '' });
          });
        }}
      >
        <label className="field">
          <input data-testid="operator-name" placeholder={t('settings.operatorName')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
          <FieldProblem placed={placed} field="name" />
        </label>
        <label className="field">
          <select data-testid="operator-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Operator['role'] })}>
            <option value="clerk">{t('settings.roles.clerk')}</option>
            <option value="manager">{t('settings.roles.manager')}</option>
          </select>
          <FieldProblem placed={placed} field="role" />
        </label>
        <label className="field">
          <input
            data-testid="operator-pin"
            type="password"
            inputMode="numeric"
            placeholder={t('settings.pin')}
            value={draft.pin}
            onChange={(e) => setDraft({ ...draft, pin: e.currentTarget.value })}
          />
          <FieldProblem placed={placed} field="pin" />
        </label>
        <label className="field">
          <input
            data-testid="operator-staff-number"
            placeholder={t('settings.staffNumber')}
            value={draft.staffNumber}
            onChange={(e) => setDraft({ ...draft, staffNumber: e.currentTarget.value })}
          />
          <FieldProblem placed={placed} field="staffNumber" />
        </label>
        <button type="submit" className="primary" data-testid="operator-add">
          {t('settings.addOperator')}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'setting-ok' : 'setting-error'} role="status" data-testid="operators-message">
          {say(t, message.words)}
        </p>
      )}
    </section>
  );
}
