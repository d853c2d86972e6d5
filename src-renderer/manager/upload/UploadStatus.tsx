// The uploader's state in one line a manager reads from across the room, the figures behind it, and send now.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { useNow } from '../../shared/useNow';

type Status = Output<'site.upload'>;

const TONE: Record<Status['state'], string> = { off: 'muted', idle: 'ok', sending: 'ok', waiting: 'warn', halted: 'bad' };

const clock = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });

/** The last error in the window's language; the platform's own words, or the network's error code, beside it. */
function troubleText(t: TFunction, { problem, detail, ...values }: NonNullable<Status['lastError']>): string {
  const sentence = t(`upload.trouble.${problem}`, values);
  return detail ? t('upload.withDetail', { sentence, detail }) : sentence;
}

export function UploadStatus({ status }: { status: Status | null }) {
  const { t } = useTranslation();
  const now = useNow();
  const [asked, setAsked] = useState(false);
  if (!status) return null;
  const minutesSince = (iso: string) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  // Running smoothly is not "all done" while the platform has refused facts a person must look at.
  const running = status.state === 'idle' || status.state === 'sending';
  const attention = running && status.held > 0;
  const headline = attention
    ? t('upload.state.attention', { count: status.held })
    : status.state === 'idle' && status.backlog.count === 0
      ? t('upload.state.done')
      : t(`upload.state.${status.state}`);
  return (
    <section className="card upload-status" data-testid="upload-status" data-state={status.state}>
      <p className={`upload-headline tone-${attention ? 'warn' : TONE[status.state]}`} data-testid="upload-headline">
        {headline}
        {status.nextAttemptAt && <span className="upload-next">{t('upload.nextAttempt', { time: clock(status.nextAttemptAt) })}</span>}
      </p>
      <dl className="upload-figures">
        <div>
          <dt>{t('upload.backlog')}</dt>
          <dd data-testid="upload-backlog">{status.backlog.count}</dd>
        </div>
        <div>
          <dt>{t('upload.oldest')}</dt>
          <dd data-testid="upload-oldest">
            {status.backlog.oldestAt ? t('upload.minutesAgo', { minutes: minutesSince(status.backlog.oldestAt) }) : t('upload.none')}
          </dd>
        </div>
        <div>
          <dt>{t('upload.held')}</dt>
          <dd data-testid="upload-held" className={status.held > 0 ? 'tone-bad' : undefined}>
            {status.held}
          </dd>
        </div>
        <div>
          <dt>{t('upload.rate')}</dt>
          <dd data-testid="upload-rate">{t('upload.perMinute', { rate: status.ratePerMinute })}</dd>
        </div>
        <div>
          <dt>{t('upload.lastSuccess')}</dt>
          <dd data-testid="upload-last-success">
            {status.lastSuccessAt
              ? t('upload.at', { time: clock(status.lastSuccessAt), minutes: minutesSince(status.lastSuccessAt) })
              : t('upload.never')}
          </dd>
        </div>
        <div className="upload-error">
          <dt>{t('upload.lastError')}</dt>
          <dd data-testid="upload-last-error">
            {status.lastError
              ? t('upload.errorAt', { time: clock(status.lastError.at), message: troubleText(t, status.lastError) })
              : t('upload.none')}
          </dd>
        </div>
      </dl>
      <p className="upload-where">
        {status.endpoint ? t('upload.to', { endpoint: status.endpoint, adapter: t(`upload.adapters.${status.adapter}`) }) : t('upload.noEndpoint')}
      </p>
      <button
        type="button"
        className="primary"
        data-testid="upload-now"
        disabled={status.state === 'off'}
        onClick={() => {
          setAsked(true);
          void bridge.call('site.uploadNow', {});
        }}
      >
        {t('upload.sendNow')}
      </button>
      {asked && status.state === 'sending' && <span className="upload-asked">{t('upload.sending')}</span>}
    </section>
  );
}
