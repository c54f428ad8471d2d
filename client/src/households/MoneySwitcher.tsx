import { useLocation, useNavigate } from 'react-router-dom';
import type { ReceivedShare } from '../api/types';
import { moneyOf, ownPath, sharedHref, sharedOwnerOf, sharedPages } from './viewing';

/** "My money" or someone's who shares theirs: the same page of the other's, when it has it. */
export function MoneySwitcher({ shares }: { shares: ReceivedShare[] }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const page = ownPath(pathname);

  // The filters of one person's list name their accounts: each switch starts without them.
  const choose = (value: string) => {
    const share = shares.find((s) => String(s.owner.id) === value);
    if (!share) return void navigate(page);
    void navigate(sharedHref(share.owner.id, sharedPages(share).includes(page) ? page : '/'));
  };

  return (
    <label className="money-switcher">
      <span className="visually-hidden">Whose money to show</span>
      <select
        value={sharedOwnerOf(pathname) ?? 'me'}
        onChange={(e) => choose(e.target.value)}
        data-testid="money-switcher"
      >
        <option value="me">My money</option>
        {shares.map((share) => (
          <option key={share.id} value={share.owner.id}>
            {moneyOf(share.owner.username)}
          </option>
        ))}
      </select>
    </label>
  );
}
