// The labels as printed: one 60 × 40 mm page per bag, its number as a Code 128 (drawn by bwip-js as SVG) and as text.
import bwipjs from 'bwip-js/browser';
import { useMemo } from 'react';

function BagLabel({ number }: { number: string }) {
  const src = useMemo(() => {
    const svg = bwipjs.toSVG({ bcid: 'code128', text: number, height: 14, includetext: false, paddingwidth: 2 });
    return `data:image/svg+xml;base64,${btoa(svg)}`;
  }, [number]);
  return (
    <article className="bag-label" data-testid="bag-label">
      <img className="bag-label-code" src={src} alt={number} data-testid="bag-label-code" />
      <div className="bag-label-number">{number}</div>
    </article>
  );
}

export function LabelSheet({ numbers }: { numbers: string[] }) {
  return (
    <div className="bag-label-sheet">
      {numbers.map((number) => (
        <BagLabel key={number} number={number} />
      ))}
    </div>
  );
}
