/* WCAG contrast for the colours banks give us, which are chosen for their own white pages. */

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio of two hex colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) return 1;
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `color`, mixed toward white (on a dark background) or black (on a light one) just enough
 * to stand out from `background` by `min` (3:1 is WCAG's for a graphic). */
export function readableOn(color: string, background: string, min = 3): string {
  const from = parseHex(color);
  const bg = parseHex(background);
  if (!from || !bg) return color;
  const toward: Rgb = luminance(bg) < 0.18 ? [255, 255, 255] : [0, 0, 0];
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const mixed = from.map((c, i) => c + (toward[i] - c) * t) as Rgb;
    if (contrastRatio(toHex(mixed), background) >= min) return toHex(mixed);
  }
  return toHex(toward);
}
