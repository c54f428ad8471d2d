import { errorMessage } from '../api/client';

export function ErrorText({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {typeof error === 'string' ? error : errorMessage(error)}
    </p>
  );
}
