// The Content-Security-Policy of every window, in Electron (meta tag and response header) and in the
// browser station (response header). Scripts and styles only from the app itself; nothing inline, no eval.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** As a response header: frame-ancestors works only there (a meta tag ignores it), so no other page can frame ours. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
