/**
 * Plaid's personal finance categories, as people read them.
 *
 * The category is stored as Plaid sends it ("FOOD_AND_DRINK", detailed
 * "FOOD_AND_DRINK_GROCERIES"): filters and rules use these codes. A person's own category
 * (any other text) shows as they wrote it.
 */
const CODE = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

function words(code: string): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "FOOD_AND_DRINK" → "Food and drink"; a detailed one without its primary's prefix:
 * ("FOOD_AND_DRINK_GROCERIES", "FOOD_AND_DRINK") → "Groceries". */
export function categoryLabel(category: string | null | undefined, primary?: string | null): string {
  if (!category) return '';
  if (!CODE.test(category)) return category;
  const prefix = primary && CODE.test(primary) ? `${primary}_` : '';
  return words(prefix && category.startsWith(prefix) ? category.slice(prefix.length) : category);
}
