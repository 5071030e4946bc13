import { randomBytes } from "node:crypto";

/**
 * The Content-Security-Policy of every answer the proxy gives. Scripts run
 * only with this request's nonce ('strict-dynamic' lets them load Next's
 * chunks); no inline script an attacker injects can carry it. Next reads the
 * nonce from the request's CSP header and puts it on its own scripts, which
 * is why every page renders per request (app/layout.tsx). Framing, plugins,
 * base and form targets are locked down as before. Styles are left alone: the
 * charts set inline `style` attributes, which no nonce can allow.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  // React's development build reconstructs server stacks with eval; production never evals.
  const evalInDev = development ? " 'unsafe-eval'" : "";
  return [
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${evalInDev}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}
