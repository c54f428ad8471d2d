import type { ParsedTags } from './tags';

interface Props {
  /** Names its inputs' test ids and help: `${prefix}-tags`, `${prefix}-tags-help`, `${prefix}-note`. */
  prefix: string;
  tagText: string;
  /** The tags as read from `tagText` (parseTags): the form sends them, and says what is wrong. */
  tags: ParsedTags;
  note: string;
  onTagText: (value: string) => void;
  onNote: (value: string) => void;
}

/** A transaction form's tags and note. */
export function TagNoteFields({ prefix, tagText, tags, note, onTagText, onNote }: Props) {
  return (
    <>
      <label>
        Tags
        <input
          value={tagText}
          onChange={(e) => onTagText(e.target.value)}
          placeholder="e.g. vacation tax-2026"
          aria-describedby={`${prefix}-tags-help`}
          aria-invalid={!tags.ok}
          data-testid={`${prefix}-tags`}
        />
      </label>
      <p
        id={`${prefix}-tags-help`}
        className={tags.ok ? 'muted small' : 'error small'}
        data-testid={`${prefix}-tags-help`}
      >
        {tags.ok ? 'Words separated by spaces or commas; search them with tag:vacation.' : tags.problem}
      </p>
      <label>
        Note
        <textarea
          value={note}
          onChange={(e) => onNote(e.target.value)}
          maxLength={2000}
          rows={2}
          data-testid={`${prefix}-note`}
        />
      </label>
    </>
  );
}
