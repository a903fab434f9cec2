/**
 * Sent with every answer: API, console, documentation, errors. The console is a Vite build whose only scripts
 * are files of its own (web/dist/index.html has no inline script), so scripts come from 'self' alone; antd and
 * Swagger UI set inline styles, which is all 'unsafe-inline' allows. Nobody may frame a page (clickjacking),
 * no browser guesses a type (an uploaded file served back never runs as a script), and no URL leaves in a Referer.
 */
export const SECURITY_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
} as const;
