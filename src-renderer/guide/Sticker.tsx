// The sticker as printed on a label: the QR code a desk scans, and the person masked beside it, so the sticker
// on a coat says little to a glance.
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../src-main/core/contract';
import { Barcode } from '../shared/Barcode';

type Made = Extract<Output<'guide.sticker'>, { result: 'sticker' }>;

/**
 * How wide a text sets in a monospaced font, in its narrow characters' widths (a Chinese character takes two at
 * most): the masked number's type is sized by it to fit its column on one line (guide.css).
 */
const monospacedWidth = (text: string) =>
  [...text].reduce((width, character) => width + (character.codePointAt(0)! > 0x2e7f ? 2 : 1), 0);

export function Sticker({ made }: { made: Made }) {
  const { t } = useTranslation();
  const { name, idNumber } = made.person;
  return (
    <article className="sticker" data-testid="sticker">
      <Barcode kind="qrcode" text={made.code} label={t('guide.qrLabel')} />
      <div className="sticker-text">
        <div className="sticker-name">{name}</div>
        <div className="sticker-id" data-testid="sticker-id" style={{ '--id-width': monospacedWidth(idNumber) } as CSSProperties}>
          {idNumber}
        </div>
        <div className="sticker-hint">{t('guide.stickerHint')}</div>
      </div>
    </article>
  );
}
