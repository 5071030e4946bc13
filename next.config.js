/**
 * Security headers on every answer. The CSP leaves scripts alone: Next's App
 * Router writes inline scripts that only a per-request nonce could allow, so
 * `script-src` without 'unsafe-inline' would break every page; everything
 * else (framing, plugins, base and form targets) is locked down.
 */
const SECURITY_HEADERS = [
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon, postgres a driver with its own sockets: load them from node_modules at run time, never bundle them.
  serverExternalPackages: ["better-sqlite3", "postgres"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
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
