/** The colours a person picks from: named, so a select reads them out, and each visible
 * on both the light and the dark background. */
export const COLORS: [string, string][] = [
  ['#e5484d', 'Red'],
  ['#f76b15', 'Orange'],
  ['#d5a000', 'Amber'],
  ['#30a46c', 'Green'],
  ['#12a594', 'Teal'],
  ['#0090ff', 'Blue'],
  ['#3e63dd', 'Indigo'],
  ['#8e4ec6', 'Purple'],
  ['#d6409f', 'Pink'],
  ['#8b8d98', 'Grey'],
];

/** A colour's name, or the code of one chosen elsewhere (through the API). */
export function colorName(color: string | null | undefined): string {
  if (!color) return 'No colour';
  return COLORS.find(([code]) => code.toLowerCase() === color.toLowerCase())?.[1] ?? color;
}
