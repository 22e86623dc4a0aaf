// Plays the browser on the local sandbox's Samsung Account pages: loads the signInGate page,
// submits its form as a user would, and follows the 302 to the redirect URI. Used by the unit
// tests and by test/integration/samsungAccount.test.ts.

/** Where the browser ended: the redirect's Location and, when followed, what the receiver said. */
export interface BrowserVisit {
  /** The Location of the 302 that the form submission answered with. */
  readonly location: string;
  /** Status and body of the redirect URI's answer, when it was followed. */
  readonly landed?: { readonly status: number; readonly text: string };
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/**
 * Submits the sign-in form of `signInUrl` with "Sign in" (or "Cancel") and, unless `follow` is
 * false, requests the redirect URI as the browser would. Throws when a step does not look right.
 */
export async function signInWithBrowser(
  signInUrl: string,
  options: {
    readonly action?: 'signin' | 'cancel';
    readonly loginId?: string;
    readonly follow?: boolean;
  } = {},
): Promise<BrowserVisit> {
  const page = await fetch(signInUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200)
    throw new Error(`signInGate answered ${page.status}: ${html.slice(0, 300)}`);
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('the signInGate page has no form');
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.set(m[1] ?? '', unescapeHtml(m[2] ?? ''));
  form.set('login_id', options.loginId ?? 'partner.admin@example.com');
  form.set('action', options.action ?? 'signin');
  const submitted = await fetch(new URL(unescapeHtml(action), signInUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location) {
    throw new Error(
      `the sign-in form answered ${submitted.status}: ${(await submitted.text()).slice(0, 300)}`,
    );
  }
  if (options.follow === false) return { location };
  const landed = await fetch(location, { redirect: 'manual' });
  return { location, landed: { status: landed.status, text: await landed.text() } };
}
