/**
 * The API token the operator signed in with, kept for this browser tab only (sessionStorage: gone when the
 * tab closes, never shared with other tabs, never put in a URL or logged).
 */
const KEY = "roster.dashboard.token";

export function readToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Storage refused (private mode quotas): the token then lives in memory until the page reloads.
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
