// A dialog of the not-yet list about one person (why they have not come; taking them off the roster): Enter
// confirms, from a radio button too (the browser submits from a text field alone), Esc leaves it unchanged.
import type { ReactNode } from 'react';

export function RosterDialog({
  name,
  title,
  confirm,
  cancel,
  onConfirm,
  onCancel,
  children,
}: {
  /** Names its test ids: `${name}-dialog`, `${name}-confirm`, `${name}-cancel`. */
  name: string;
  title: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="card excuse-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${name}-title`}
      data-testid={`${name}-dialog`}
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
        else if (event.key === 'Enter' && (event.target as HTMLInputElement).type === 'radio') {
          event.preventDefault();
          onConfirm();
        }
      }}
    >
      <h3 id={`${name}-title`}>{title}</h3>
      {children}
      <div className="roster-actions">
        <button type="submit" className="primary" data-testid={`${name}-confirm`}>
          {confirm}
        </button>
        <button type="button" className="secondary" data-testid={`${name}-cancel`} onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </form>
  );
}
