import { describe, expect, it } from 'vitest';
import { contrastRatio, readableOn } from './contrast';

const LIGHT_CARD = '#ffffff';
const DARK_CARD = '#151e2e';

describe('contrast', () => {
  it('measures as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#2563eb', '#ffffff')).toBeCloseTo(5.17, 1);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
  });

  it('lifts a near-black bank colour on the dark card and leaves it on the light one', () => {
    expect(readableOn('#1f1f1f', LIGHT_CARD)).toBe('#1f1f1f');
    const lifted = readableOn('#1f1f1f', DARK_CARD);
    expect(contrastRatio(lifted, DARK_CARD)).toBeGreaterThanOrEqual(3);
  });

  it('darkens a pale colour on the light card', () => {
    const darkened = readableOn('#fde68a', LIGHT_CARD);
    expect(contrastRatio(darkened, LIGHT_CARD)).toBeGreaterThanOrEqual(3);
  });

  it('keeps what it cannot read', () => {
    expect(readableOn('teal', DARK_CARD)).toBe('teal');
  });
});
