import { useState } from 'react';

/** Recovery codes, shown once: copy them, download them, or write them down. */
export function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = `Pattern recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(() => setCopied(true));
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'pattern-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="stack" role="region" aria-label="Recovery codes" data-testid="recovery-codes">
      <h3>Your recovery codes</h3>
      <p className="small">
        If you lose your phone or your passkeys, each of these codes logs you in once in their place. Keep them
        somewhere safe: they are shown only now.
      </p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code data-testid="recovery-code">{code}</code>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="button-secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button-secondary" onClick={download}>
          Download
        </button>
        <button type="button" onClick={onDone} data-testid="recovery-codes-saved">
          I have saved them
        </button>
      </div>
    </div>
  );
}
