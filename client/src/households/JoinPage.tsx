import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { useAcceptShare } from './mutations';
import { moneyOf, sharedBase } from './viewing';

/**
 * /household/join?token=…: an invite link to someone's money. Behind the log-in (the layout
 * sends a stranger to log in, and back here), it takes the share and shows that money.
 */
export function JoinPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const accept = useAcceptShare();
  const navigate = useNavigate();
  const toast = useToast();
  const asked = useRef(false);
  const { mutate, data: share } = accept;

  useEffect(() => {
    if (!token || asked.current) return;
    asked.current = true; // a token works once: never asked twice
    mutate(token);
  }, [token, mutate]);

  useEffect(() => {
    if (!share) return;
    toast(`You now see ${moneyOf(share.owner.username)}.`, 'success');
    void navigate(sharedBase(share.owner.id), { replace: true });
  }, [share, navigate, toast]);

  return (
    <Card title="Join a household">
      <div data-testid="household-join">
        {!token && <p className="error">This link has no invite in it. Open the whole link you were sent.</p>}
        {token && !accept.error && <Loading text="Taking the invite…" />}
        {/* The server says why: mistyped, used, withdrawn or expired; or one's own. */}
        <ErrorText error={accept.error} />
        <p>
          <Link to="/">Back to my money</Link>
        </p>
      </div>
    </Card>
  );
}
