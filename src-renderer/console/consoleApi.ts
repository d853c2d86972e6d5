// The page's calls to the hub's console API (relative to /console/, so the page works under any address). The
// session is an HttpOnly cookie the browser sends by itself; an answer other than 200 comes back as its error code,
// which the page turns into its own words.
import type { FullRegistration, Me, MaskedRegistration, SiteAnswer, SitesAnswer } from '../../src-main/hub/console/schemas';

export type Answer<T> = { ok: true; data: T } | { ok: false; error: string };

async function call<T>(path: string, body?: unknown): Promise<Answer<T>> {
  try {
    const response = await fetch(`api/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const json = (await response.json()) as T & { error?: string };
    return response.ok ? { ok: true, data: json } : { ok: false, error: json.error ?? 'unavailable' };
  } catch {
    // The hub unreachable, or an answer that is not JSON (a proxy's error page).
    return { ok: false, error: 'unavailable' };
  }
}

const site = (code: string) => `sites/${encodeURIComponent(code)}`;

export const consoleApi = {
  me: () => call<Me>('me'),
  signIn: (name: string, password: string) => call<Me>('sign-in', { name, password }),
  signOut: () => call<object>('sign-out', {}),
  sites: () => call<SitesAnswer>('sites'),
  site: (code: string) => call<SiteAnswer>(site(code)),
  registrations: (code: string) => call<{ day: string; registrations: MaskedRegistration[] }>(`${site(code)}/registrations`),
  open: (code: string, registrationId: string) => call<FullRegistration>(`${site(code)}/registrations/${encodeURIComponent(registrationId)}/open`, {}),
};
