// Draws the app icon, resources/icon.png (512×512): a white specimen tube with a cap, leaning right on a blue
// rounded square. Drawn from signed distance functions so every edge is anti-aliased without an image library;
// electron-builder derives the Linux and Windows icon sizes from this one file. Run again after changing the design:
//   node scripts/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const ICON_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icon.png');
const SIZE = 512;
const CENTER = SIZE / 2;

const BACKGROUND = { inset: 24, cornerRadius: 104, topColor: [64, 145, 247], bottomColor: [24, 92, 212] };
// The tube in its own upright frame (origin at the icon's centre, y down), then turned by TUBE_TILT.
const TUBE_TILT = (28 * Math.PI) / 180;
const TUBE = { halfWidth: 58, top: -138, bottom: 196, wall: 15 };
const CAP = { halfWidth: 74, top: -198, bottom: -148, cornerRadius: 14 };
// The liquid's surface stays level in the icon while the tube leans.
const LIQUID_SURFACE_Y = 318;
const SHADOW = { offsetX: 10, offsetY: 14, blur: 18, opacity: 0.28 };

const WHITE = [255, 255, 255];
const GLASS = [214, 233, 255];
const LIQUID = [120, 196, 255];

/** Signed distance to an axis-aligned box centred at (cx, cy) with half-sizes (hx, hy) and rounded corners r. */
function roundedBoxDistance(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a tube: straight sides from `top`, closed by a half-circle at `bottom`, open at the top. */
function tubeDistance(x, y, halfWidth, top, bottom) {
  const roundStart = bottom - halfWidth;
  const alongAxis = Math.min(Math.max(y, top), roundStart);
  const toAxis = Math.hypot(x, y - alongAxis) - halfWidth;
  return Math.max(toAxis, top - y);
}

/** Share of a pixel covered by a shape whose edge is at distance d (negative inside), softened over `softness`. */
function coverage(d, softness = 1) {
  return Math.min(Math.max(0.5 - d / softness, 0), 1);
}

function mix(under, over, amount) {
  return under.map((channel, i) => channel + (over[i] - channel) * amount);
}

/** Turns icon coordinates into the tube's upright frame. */
function toTubeFrame(x, y) {
  const dx = x - CENTER;
  const dy = y - CENTER;
  const cos = Math.cos(TUBE_TILT);
  const sin = Math.sin(TUBE_TILT);
  return [dx * cos + dy * sin, -dx * sin + dy * cos];
}

function tubeAndCapDistance(tx, ty) {
  const tube = tubeDistance(tx, ty, TUBE.halfWidth, TUBE.top, TUBE.bottom);
  const capCenterY = (CAP.top + CAP.bottom) / 2;
  const cap = roundedBoxDistance(tx, ty, 0, capCenterY, CAP.halfWidth, (CAP.bottom - CAP.top) / 2, CAP.cornerRadius);
  return Math.min(tube, cap);
}

/** Colour and opacity of one pixel. */
function shadePixel(x, y) {
  const backgroundCoverage = coverage(
    roundedBoxDistance(x, y, CENTER, CENTER, CENTER - BACKGROUND.inset, CENTER - BACKGROUND.inset, BACKGROUND.cornerRadius),
  );
  if (backgroundCoverage === 0) return { color: [0, 0, 0], alpha: 0 };

  const gradient = (y - BACKGROUND.inset) / (SIZE - 2 * BACKGROUND.inset);
  let color = mix(BACKGROUND.topColor, BACKGROUND.bottomColor, Math.min(Math.max(gradient, 0), 1));

  const [sx, sy] = toTubeFrame(x - SHADOW.offsetX, y - SHADOW.offsetY);
  color = mix(color, [0, 0, 0], SHADOW.opacity * coverage(tubeAndCapDistance(sx, sy), SHADOW.blur));

  const [tx, ty] = toTubeFrame(x, y);
  color = mix(color, WHITE, coverage(tubeAndCapDistance(tx, ty)));

  const inner = tubeDistance(tx, ty, TUBE.halfWidth - TUBE.wall, TUBE.top, TUBE.bottom - TUBE.wall);
  const liquid = Math.max(inner, LIQUID_SURFACE_Y - y);
  color = mix(color, GLASS, coverage(inner));
  color = mix(color, LIQUID, coverage(liquid));

  return { color, alpha: backgroundCoverage };
}

const png = new PNG({ width: SIZE, height: SIZE });
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const { color, alpha } = shadePixel(x + 0.5, y + 0.5);
    const offset = (y * SIZE + x) * 4;
    png.data[offset] = Math.round(color[0]);
    png.data[offset + 1] = Math.round(color[1]);
    png.data[offset + 2] = Math.round(color[2]);
    png.data[offset + 3] = Math.round(alpha * 255);
  }
}
fs.mkdirSync(path.dirname(ICON_FILE), { recursive: true });
fs.writeFileSync(ICON_FILE, PNG.sync.write(png));
console.log(`Wrote ${path.relative(process.cwd(), ICON_FILE)} (${SIZE}×${SIZE})`);
