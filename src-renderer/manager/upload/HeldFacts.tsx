// Facts the platform refused for good: kept on this station, never deleted, each with the platform's reason, and
// sent again when the manager says so (after the platform or the data was put right).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';

type Held = Output<'site.heldFacts'>;

export function HeldFacts({ held }: { held: number }) {
  const { t } = useTranslation();
  const [list, setList] = useState<Held | null>(null);
  // The pushed status carries the count; the list is read again whenever it moves.
  useEffect(() => {
    void bridge.call('site.heldFacts', {}).then((result) => {
      if (result.ok) setList(result.value);
    });
  }, [held]);
  if (!list || list.count === 0) return null;
  const release = (factIds?: string[]) => void bridge.call('site.releaseHeld', factIds ? { factIds } : {});
  return (
    <section className="card upload-held" data-testid="held-facts">
      <h2>{t('upload.heldTitle', { count: list.count })}</h2>
      <p className="hint">{t('upload.heldHint')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('upload.kind')}</th>
            <th>{t('upload.recordedAt')}</th>
            <th>{t('upload.reason')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.facts.map((fact) => (
            <tr key={fact.factId} data-testid="held-fact">
              <td className="mono">{fact.kind}</td>
              <td>{new Date(fact.at).toLocaleString('zh-CN', { hour12: false })}</td>
              <td className="upload-reason">{fact.reason}</td>
              <td>
                <button type="button" data-testid="held-release" onClick={() => release([fact.factId])}>
                  {t('upload.release')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="held-release-all" onClick={() => release()}>
        {t('upload.releaseAll', { count: list.count })}
      </button>
    </section>
  );
}
