/**
 * The page an invitation or reset link opens, with its one-time token. The token travels in the fragment (`#token=`),
 * which browsers never send to the server: it stays out of access logs, proxies' logs and Referer headers. Shared by
 * the API (`POST /api/v1/users/{id}/links`), the CLI (`user create`, `user reset-link`) and the web UI.
 */
export function acceptLinkPath(lang: string, token: string): string {
  return `/${lang}/account/accept#${new URLSearchParams({ token }).toString()}`;
}

/** The token of an accept link's location: its fragment, or its query for links issued before the fragment was used. */
export function acceptLinkToken(location: { hash: string; search: string }): string {
  return (
    new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ??
    new URLSearchParams(location.search).get('token') ??
    ''
  );
}
