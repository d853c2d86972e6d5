// A QR code found in a picture (a screenshot, a printed page rendered to PNG): what it says, and how much white
// lies around it, in modules, before anything dark or the picture's edge.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export interface FoundQr {
  data: string;
  /** The narrowest white margin on any side of the symbol, in its own modules. */
  quietZoneModules: number;
}

export function findQr(picture: Buffer): FoundQr {
  const png = PNG.sync.read(picture);
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error('No QR code found in the picture.');
  const { topLeftCorner: topLeft, topRightCorner: topRight, bottomLeftCorner: bottomLeft, bottomRightCorner: bottomRight } = found.location;
  const modulePx = Math.hypot(topRight.x - topLeft.x, topRight.y - topLeft.y) / (17 + 4 * found.version);
  const dark = (x: number, y: number) => {
    const at = (y * png.width + x) * 4;
    return png.data[at] + png.data[at + 1] + png.data[at + 2] < 3 * 128;
  };
  /** White pixels from (x, y) on, one step at a time, up to the first dark one or the picture's edge. */
  const whiteFrom = (x: number, y: number, dx: number, dy: number) => {
    let run = 0;
    for (; x >= 0 && y >= 0 && x < png.width && y < png.height && !dark(x, y); x += dx, y += dy) run++;
    return run;
  };
  const left = Math.floor(Math.min(topLeft.x, bottomLeft.x)) - 1;
  const right = Math.ceil(Math.max(topRight.x, bottomRight.x)) + 1;
  const top = Math.floor(Math.min(topLeft.y, topRight.y)) - 1;
  const bottom = Math.ceil(Math.max(bottomLeft.y, bottomRight.y)) + 1;
  const runs: number[] = [];
  for (let y = top + 1; y < bottom; y++) runs.push(whiteFrom(left, y, -1, 0), whiteFrom(right, y, 1, 0));
  for (let x = left + 1; x < right; x++) runs.push(whiteFrom(x, top, 0, -1), whiteFrom(x, bottom, 0, 1));
  return { data: found.data, quietZoneModules: Math.min(...runs) / modulePx };
}
