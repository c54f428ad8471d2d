import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { AppCodeField } from './AppCodeField';

function Form({ onSubmit }: { onSubmit: (code: string) => void }) {
  const [code, setCode] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(code);
      }}
    >
      <AppCodeField value={code} onChange={setCode} testId="code" />
      <button type="submit">Turn on</button>
    </form>
  );
}

describe('the authenticator code field', () => {
  it('is labelled, asks for digits a phone fills from the app, and is required', async () => {
    const sent: string[] = [];
    render(<Form onSubmit={(code) => sent.push(code)} />);
    const field = screen.getByLabelText('Code from the app');
    expect(field).toHaveAttribute('data-testid', 'code');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(sent).toEqual([]); // nothing typed: the browser asks for it first
    await userEvent.type(field, '492039');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(sent).toEqual(['492039']);
  });
});
