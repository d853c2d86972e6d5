// Who may sign in: clerks (at desks and the pre-registration window) and managers, each with a PIN of 4 to 8
// digits and, where the site uses them, a staff number. Add one, give a new PIN, or disable one who left; nobody is
// deleted, so the trail can name them. Two may not share a name (the core refuses it).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { refusalParams } from '../../shared/refusalParams';
import { StaffNumber } from './StaffNumber';

type Operator = Output<'site.operators'>[number];

/** A new PIN for one operator, typed in place (no dialog: Electron has no window.prompt). */
function NewPin({ name, onPin }: { name: string; onPin: (pin: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('settings.newPin')}
      </button>
    );
  }
  return (
    <span className="new-pin">
      <input type="password" inputMode="numeric" aria-label={t('settings.newPinFor', { name })} value={pin} onChange={(e) => setPin(e.currentTarget.value)} />
      <button
        type="button"
        className="primary"
        onClick={() =>
          void onPin(pin).then((ok) => {
            if (ok) setOpen(false);
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
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

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

  async function saveOperator(changes: Input<'site.saveOperator'>, done: string): Promise<boolean> {
    const result = await bridge.call('site.saveOperator', changes);
    const ok = result.ok && result.value.result === 'saved';
    const why = !result.ok
      ? result.error.message
      : result.value.result === 'refused'
        ? t(`settings.operatorProblem.${result.value.problem}`, refusalParams(result.value))
        : '';
    setMessage(ok ? { ok, text: t(done) } : { ok, text: t('settings.notSaved', { message: why }) });
    await reload();
    return ok;
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
                  onSave={(staffNumber) => saveOperator({ id: operator.id, staffNumber }, 'settings.saved')}
                />
              </td>
              <td>{operator.disabled ? t('settings.disabled') : ''}</td>
              <td>
                <NewPin name={operator.name} onPin={(pin) => saveOperator({ id: operator.id, pin }, 'settings.pinChanged')} />
                <button type="button" onClick={() => void saveOperator({ id: operator.id, disabled: !operator.disabled }, 'settings.saved')}>
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
          void saveOperator(draft, 'settings.operatorAdded').then((ok) => {
            if (ok) setDraft({ name: '', role: 'clerk', pin: '', staffNumber: '' });
          });
        }}
      >
        <input data-testid="operator-name" placeholder={t('settings.operatorName')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
        <select data-testid="operator-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Operator['role'] })}>
          <option value="clerk">{t('settings.roles.clerk')}</option>
          <option value="manager">{t('settings.roles.manager')}</option>
        </select>
        <input
          data-testid="operator-pin"
          type="password"
          inputMode="numeric"
          placeholder={t('settings.pin')}
          value={draft.pin}
          onChange={(e) => setDraft({ ...draft, pin: e.currentTarget.value })}
        />
        <input
          data-testid="operator-staff-number"
          placeholder={t('settings.staffNumber')}
          value={draft.staffNumber}
          onChange={(e) => setDraft({ ...draft, staffNumber: e.currentTarget.value })}
        />
        <button type="submit" className="primary" data-testid="operator-add">
          {t('settings.addOperator')}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'setting-ok' : 'setting-error'} role="status" data-testid="operators-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
