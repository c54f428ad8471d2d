import { errorMessage, isUnreachable } from '../api/client';

export function ErrorText({ error, testId }: { error: unknown; testId?: string }) {
  if (!error || isUnreachable(error)) return null; // the app's one banner says it
  return (
    <p className="error" role="alert" data-testid={testId}>
      {typeof error === 'string' ? error : errorMessage(error)}
    </p>
  );
}
