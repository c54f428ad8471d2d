/** The emulator's Link endpoints (docs/emulator.md, "Link without Plaid's JavaScript"). */

export interface EmulatorInstitution {
  institution_id: string;
  name: string;
  oauth: boolean;
  primary_color: string | null;
}

export interface EmulatorAccount {
  id: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
  new: boolean;
}

export interface EmulatorSession {
  mode: 'new' | 'update';
  client_name: string;
  institutions: EmulatorInstitution[];
  item: { item_id: string; institution_id: string } | null;
  /** Update mode with account selection: the item's accounts, then those opened since. */
  account_selection?: boolean;
  accounts?: EmulatorAccount[] | null;
  test_credentials: { username: string; password: string } | null;
}

export interface LinkSuccess {
  public_token: string;
  metadata: {
    institution: { name: string; institution_id: string } | null;
    accounts: { id: string; name: string; mask: string | null; type: string; subtype: string | null }[];
    link_session_id: string;
  };
}

export interface LinkExit {
  error: { error_type: string; error_code: string; error_message: string; display_message: string | null };
  metadata: { status: string | null; link_session_id: string; request_id: string };
}

export async function getEmulatorSession(baseUrl: string, linkToken: string): Promise<EmulatorSession> {
  const response = await fetch(`${baseUrl}/link/session?link_token=${encodeURIComponent(linkToken)}`);
  if (!response.ok) throw new Error('Could not start Link. Try again.');
  return (await response.json()) as EmulatorSession;
}

export type CompleteResult = { ok: true; success: LinkSuccess } | { ok: false; exit: LinkExit };

export async function completeEmulatorLink(
  baseUrl: string,
  body: {
    link_token: string;
    institution_id: string | null;
    username: string;
    password: string;
    account_ids?: string[];
  },
): Promise<CompleteResult> {
  const response = await fetch(`${baseUrl}/link/session/complete`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload: unknown = await response.json();
  if (response.ok) return { ok: true, success: payload as LinkSuccess };
  return { ok: false, exit: payload as LinkExit };
}
