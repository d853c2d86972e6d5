// Handovers as rows: number, time, courier, what they took, who handed over; with an action per row where given.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { localTime } from './localTime';
import './handover.css';

type Handover = Output<'site.handovers'>[number];

export function HandoverTable({ handovers, action }: { handovers: Handover[]; action?: (handover: Handover) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="data-table handover-table">
      <thead>
        <tr>
          {(['number', 'handedAt', 'courier', 'counts', 'handedBy'] as const).map((column) => (
            <th key={column}>{t(`handover.pastColumns.${column}`)}</th>
          ))}
          {action && <th />}
        </tr>
      </thead>
      <tbody>
        {handovers.map((handover) => (
          <tr key={handover.number} data-testid={`handover-${handover.number}`}>
            <td>{handover.number}</td>
            <td>{localTime(handover.handedAt)}</td>
            <td>{handover.courier}</td>
            <td>{t('handover.pastCounts', handover)}</td>
            <td>{handover.handedBy ?? t('handover.notRecorded')}</td>
            {action && <td>{action(handover)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
