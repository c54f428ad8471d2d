import { useCurrentUser } from '../auth/queries';
import { CategoriesList } from '../categories/CategoriesList';
import { NewCategoryForms } from '../categories/NewCategoryForms';
import { useCategoryGroups } from '../categories/queries';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';

/** The person's categories: Plaid's to start with, renamed, coloured, grouped and merged as
 * they like, and their own. */
export function CategoriesPage() {
  const user = useCurrentUser();
  const groups = useCategoryGroups(user.id);
  return (
    <div className="stack-lg">
      {groups.isPending && <Loading />}
      <ErrorText error={groups.error} />
      {groups.data && (
        <>
          <NewCategoryForms userId={user.id} groups={groups.data} />
          <CategoriesList userId={user.id} groups={groups.data} />
        </>
      )}
    </div>
  );
}
