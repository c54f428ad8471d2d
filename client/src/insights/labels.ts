import { categoryLabel } from '../lib/categories';

/** Transactions without a category (or subcategory) are summed together, under this name.
 * `primary`: the category a subcategory belongs to (its prefix is left out). */
export function categoryName(category: string | null, primary?: string | null): string {
  return category ? categoryLabel(category, primary) : 'Uncategorized';
}
