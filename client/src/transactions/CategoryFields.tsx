import { usePickerCategories } from '../categories/queries';
import { categoryLabel } from '../lib/categories';

interface Props {
  userId: number;
  /** Names its inputs' test ids and lists: `${prefix}-category`, `${prefix}-subcategory`. */
  prefix: string;
  category: string;
  subcategory: string;
  onCategory: (value: string) => void;
  onSubcategory: (value: string) => void;
}

/** A transaction form's category and subcategory, offering the person's categories by the
 * names they see (their own and Plaid's); any other text is kept as typed. */
export function CategoryFields({ userId, prefix, category, subcategory, onCategory, onSubcategory }: Props) {
  const categories = usePickerCategories(userId);
  const subcategories =
    categories.data?.find((c) => c.category.toLowerCase() === category.trim().toLowerCase())?.subcategories ?? [];
  return (
    <>
      <div className="grid-2 tight">
        <label>
          Category
          <input
            value={category}
            onChange={(e) => onCategory(e.target.value)}
            list={`${prefix}-categories`}
            maxLength={255}
            data-testid={`${prefix}-category`}
          />
        </label>
        <label>
          Subcategory
          <input
            value={subcategory}
            onChange={(e) => onSubcategory(e.target.value)}
            list={`${prefix}-subcategories`}
            maxLength={255}
            data-testid={`${prefix}-subcategory`}
          />
        </label>
      </div>
      <datalist id={`${prefix}-categories`}>
        {categories.data?.map((c) => (
          <option key={c.category} value={c.category} label={categoryLabel(c.category)} />
        ))}
      </datalist>
      <datalist id={`${prefix}-subcategories`}>
        {subcategories.map((s) => (
          <option key={s} value={s} label={categoryLabel(s, category)} />
        ))}
      </datalist>
    </>
  );
}
