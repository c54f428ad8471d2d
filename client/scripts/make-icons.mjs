// Draws the app's icons (public/icons/*.png) from its logo, the favicon in index.html: a
// blue rounded square, here with three white rising bars. No dependencies, no network:
// node scripts/make-icons.mjs. The PNGs are checked in; run this again after changing it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x25, 0x63, 0xeb];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG of size×size whose pixel colours `paint(x, y)` gives ([r, g, b, a]). */
function png(size, paint) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // no filter
    for (let x = 0; x < size; x++) {
      const at = y * (size * 4 + 1) + 1 + x * 4;
      rows.set(paint(x + 0.5, y + 0.5), at);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** Three rising bars within the square [left, left + span) on both axes. */
function onBars(x, y, left, span) {
  const u = (x - left) / span;
  const v = (y - left) / span;
  const bars = [
    [0.1, 0.3, 0.55],
    [0.4, 0.6, 0.35],
    [0.7, 0.9, 0.15],
  ];
  return bars.some(([from, to, top]) => u >= from && u < to && v >= top && v < 0.9);
}

function icon(size, { maskable }) {
  // A maskable icon is cropped to a circle of 80% by the launcher: full bleed, the bars
  // inside the middle 60%.
  const radius = maskable ? 0 : size * (3 / 16);
  const left = maskable ? size * 0.2 : size * 0.12;
  const span = maskable ? size * 0.6 : size * 0.76;
  return png(size, (x, y) => {
    if (!insideRoundedSquare(x, y, size, radius)) return [0, 0, 0, 0];
    return [...(onBars(x, y, left, span) ? WHITE : BLUE), 255];
  });
}

const out = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), icon(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon.png', out), icon(180, { maskable: true }));
