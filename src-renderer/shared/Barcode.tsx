// A barcode drawn by bwip-js as SVG (Code 128 for the courier's scanner, QR for a phone), shown as an image. A QR
// code's image carries its own quiet zone, the 4 white modules a reader needs around it, whatever surrounds it.
import bwipjs from 'bwip-js/browser';
import { useMemo } from 'react';

/** bwip-js draws a QR module 2 points wide before scaling, and pads in points: 8 points are 4 modules. */
const QR_QUIET_ZONE_POINTS = 8;

export function Barcode({ kind, text, label }: { kind: 'code128' | 'qrcode'; text: string; label: string }) {
  const src = useMemo(() => {
    const svg = bwipjs.toSVG(
      kind === 'code128'
        ? { bcid: 'code128', text, height: 12, includetext: true }
        : { bcid: 'qrcode', text, scale: 3, padding: QR_QUIET_ZONE_POINTS, backgroundcolor: 'FFFFFF' },
    );
    return `data:image/svg+xml;base64,${btoa(svg)}`;
  }, [kind, text]);
  return <img className={`barcode barcode-${kind}`} src={src} alt={label} data-testid={`barcode-${kind}`} />;
}
