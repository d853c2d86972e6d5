// A barcode drawn by bwip-js as SVG (Code 128 for the courier's scanner, QR for a phone), shown as an image.
import bwipjs from 'bwip-js/browser';
import { useMemo } from 'react';

export function Barcode({ kind, text, label }: { kind: 'code128' | 'qrcode'; text: string; label: string }) {
  const src = useMemo(() => {
    const svg = bwipjs.toSVG(kind === 'code128' ? { bcid: 'code128', text, height: 12, includetext: true } : { bcid: 'qrcode', text, scale: 3 });
    return `data:image/svg+xml;base64,${btoa(svg)}`;
  }, [kind, text]);
  return <img className={`barcode barcode-${kind}`} src={src} alt={label} data-testid={`barcode-${kind}`} />;
}
