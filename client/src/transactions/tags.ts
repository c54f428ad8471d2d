/** Tags as a person types them: words separated by spaces or commas. */

// As the server's rule: letters, digits, '-' and '_', up to 40 (so `tag:name` can find it).
const TAG = /^[\p{L}\p{N}_-]{1,40}$/u;
export const MAX_TAGS = 20;

export type ParsedTags = { ok: true; tags: string[] } | { ok: false; problem: string };

export function parseTags(text: string): ParsedTags {
  const words = text.split(/[\s,]+/).filter(Boolean);
  const wrong = words.find((word) => !TAG.test(word));
  if (wrong) {
    return { ok: false, problem: `“${wrong}” cannot be a tag: use letters, digits, - and _ (up to 40).` };
  }
  const seen = new Set<string>();
  const tags = words.filter((word) => !seen.has(word.toLowerCase()) && seen.add(word.toLowerCase()));
  if (tags.length > MAX_TAGS) return { ok: false, problem: `At most ${MAX_TAGS} tags.` };
  return { ok: true, tags };
}
