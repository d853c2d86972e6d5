// The handover manifest as it is printed: number and barcodes, courier, temperature, totals, every bag's tubes
// with their people, and the two signature lines. Print it (the browser's dialog also saves PDF), save it as PDF
// in the desktop app (Electron's printToPDF), or as XLSX or CSV.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { saveFile } from '../../shared/download';
import { Barcode } from '../../shared/Barcode';
import { failureWords, say, type Words } from '../../shared/problems';
import { localTime } from './localTime';

type Manifest = NonNullable<Output<'site.manifest'>>;

const UNKNOWN_MANIFEST: Words = { key: 'handover.unknownManifest' };

export function ManifestView({ number, onClose }: { number: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [problem, setProblem] = useState<Words | null>(null);

  useEffect(() => {
    void bridge.call('site.manifest', { number }).then((result) => {
      if (result.ok && result.value) setManifest(result.value);
      else setProblem(result.ok ? UNKNOWN_MANIFEST : failureWords(result.error));
    });
  }, [number]);

  async function save(format: 'csv' | 'xlsx'): Promise<void> {
    const result = await bridge.call('site.manifestFile', { number, format });
    if (result.ok && result.value) saveFile(result.value);
    else setProblem(result.ok ? UNKNOWN_MANIFEST : failureWords(result.error));
  }

  if (!manifest) return problem ? <p className="setting-error">{say(t, problem)}</p> : null;
  const { courier, totals } = manifest;
  return (
    <div className="manifest-screen">
      <div className="manifest-actions no-print">
        <button type="button" className="primary" data-testid="manifest-print" onClick={() => window.print()}>
          {t('handover.print')}
        </button>
        {bridge.savePdf && (
          <button type="button" className="secondary" data-testid="manifest-pdf" onClick={() => void bridge.savePdf!(`交接单-${number}`)}>
            {t('handover.savePdf')}
          </button>
        )}
        <button type="button" className="secondary" data-testid="manifest-xlsx" onClick={() => void save('xlsx')}>
          {t('handover.saveXlsx')}
        </button>
        <button type="button" className="secondary" data-testid="manifest-csv" onClick={() => void save('csv')}>
          {t('handover.saveCsv')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('handover.back')}
        </button>
        {problem && <span className="setting-error">{say(t, problem)}</span>}
      </div>
      <article className="manifest card" data-testid="manifest">
        <header className="manifest-head">
          <div>
            <h2>{t('handover.manifestTitle')}</h2>
            <p className="manifest-number" data-testid="manifest-number">
              {t('handover.number', { number: manifest.number })}
            </p>
            <p>{t('handover.handedAt', { time: localTime(manifest.handedAt) })}</p>
          </div>
          <div className="manifest-codes">
            <Barcode kind="code128" text={manifest.number} label={t('handover.number', { number: manifest.number })} />
            <Barcode kind="qrcode" text={manifest.number} label={t('handover.number', { number: manifest.number })} />
          </div>
        </header>
        <dl className="manifest-facts" data-testid="manifest-facts">
          <dt>{t('handover.siteName')}</dt>
          <dd data-testid="manifest-site">{manifest.site.name || t('handover.notRecorded')}</dd>
          <dt>{t('handover.siteCode')}</dt>
          <dd>{manifest.site.code || t('handover.notRecorded')}</dd>
          <dt>{t('handover.handedBy')}</dt>
          <dd data-testid="manifest-handed-by">{manifest.handedBy ?? t('handover.notRecorded')}</dd>
          <dt>{t('handover.courierName')}</dt>
          <dd>{courier.name}</dd>
          <dt>{t('handover.courierPhone')}</dt>
          <dd>{courier.phone}</dd>
          <dt>{t('handover.vehicle')}</dt>
          <dd>{courier.vehicle}</dd>
          <dt>{t('handover.temperature')}</dt>
          <dd>{manifest.temperature === null ? t('handover.noTemperature') : t('handover.celsius', { value: manifest.temperature })}</dd>
        </dl>
        <p className="manifest-totals" data-testid="manifest-totals">
          {t('handover.totals', totals)}
        </p>
        <table className="data-table manifest-table">
          <thead>
            <tr>
              <th>{t('handover.columns.bag')}</th>
              <th>{t('handover.columns.tube')}</th>
              <th>{t('handover.columns.people')}</th>
            </tr>
          </thead>
          <tbody>
            {manifest.bags.flatMap((bag) =>
              bag.tubes.map((tube, i) => (
                <tr key={tube.barcode}>
                  <td>{i === 0 ? bag.barcode : ''}</td>
                  <td>{tube.barcode}</td>
                  <td>{tube.people}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        <footer className="signatures">
          <span>{t('handover.signSite')}</span>
          <span>{t('handover.signCourier')}</span>
        </footer>
      </article>
    </div>
  );
}
