import type { User } from '../api/types';

// Who was logged in on this browser last (their id, name and role; no secret): while the
// server is asked who is logged in, the pages start their own requests as this person
// instead of waiting. The answer confirms it, or replaces it (another person, or none).
// Free of React, for the early start (src/early.ts).
const REMEMBERED = 'pattern.user';

export function remembered(): User | undefined {
  try {
    const stored = localStorage.getItem(REMEMBERED);
    return stored ? (JSON.parse(stored) as User) : undefined;
  } catch {
    return undefined; // storage refused or unreadable: wait for the answer
  }
}

export function remember(user: User | null): void {
  try {
    if (user) localStorage.setItem(REMEMBERED, JSON.stringify(user));
    else localStorage.removeItem(REMEMBERED);
  } catch {
    // storage refused: the pages wait for the answer, as before
  }
}
