/**
 * Security headers on every answer. The Content-Security-Policy of pages and
 * API answers is set by proxy.ts, with a fresh script nonce per request
 * (lib/http/csp.ts); the files the proxy never sees (build output, the icon)
 * get a policy that runs no script at all.
 */
const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];
const STATIC_CSP = "script-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
/** The paths proxy.ts's matcher leaves out. */
const UNPROXIED = ["/_next/static/:path*", "/_next/image", "/icon.svg", "/favicon.ico"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon, postgres a driver with its own sockets: load them from node_modules at run time, never bundle them.
  serverExternalPackages: ["better-sqlite3", "postgres"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      ...UNPROXIED.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] })),
      // HSTS only where the app is reached over https (behind a proxy that says so): on plain http it would be wrong.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
