// The sticker as printed on a label: the QR code a desk scans, and the person masked beside it, so the sticker
// on a coat says little to a glance.
import { useTranslation } from 'react-i18next';
import type { Output } from '../../src-main/core/contract';
import { Barcode } from '../shared/Barcode';

type Made = Extract<Output<'guide.sticker'>, { result: 'sticker' }>;

export function Sticker({ made }: { made: Made }) {
  const { t } = useTranslation();
  return (
    <article className="sticker" data-testid="sticker">
      <Barcode kind="qrcode" text={made.code} label={t('guide.qrLabel')} />
      <div className="sticker-text">
        <div className="sticker-name">{made.person.name}</div>
        <div className="sticker-id">{made.person.idNumber}</div>
        <div className="sticker-hint">{t('guide.stickerHint')}</div>
      </div>
    </article>
  );
}
