import { networkInterfaces } from "node:os";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * `next dev` serves its scripts and HMR socket only to pages opened at `localhost`: opened at
 * 127.0.0.1 or at the machine's address the page loads but never hydrates. These are the
 * names this machine answers to (the dev server itself listens on loopback unless
 * KILN_DEV_HOST says otherwise, see scripts/dev.mjs).
 */
function devOrigins(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .map(({ address, family }) => (family === "IPv6" ? `[${address}]` : address));
  return [...new Set(["localhost", "127.0.0.1", "[::1]", ...addresses])];
}

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  // pdfkit loads its standard fonts and ICC profile from its own package at run time; the
  // reports hand it fontkit fonts (lib/reports/pdf-fonts.ts), so both use the same fontkit.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pino",
    "pg",
    "bcryptjs",
    "nodemailer",
    "pg-boss",
    "twilio",
    "pdfkit",
    "fontkit",
  ],
  // The reports' font files are read from node_modules at run time (lib/reports/pdf-fonts.ts).
  outputFileTracingIncludes: {
    "/**": [
      "./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
      "./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
    ],
  },
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // Headers every response gets, static assets included; the CSP (with its nonce) comes from proxy.ts.
  async headers() {
    const production = process.env.NODE_ENV === "production";
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(self), geolocation=(), payment=(), usb=(), interest-cohort=()",
          },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          ...(production
            ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" }]
            : []),
        ],
      },
      {
        // Not on an email's frame document (app/api/v1/messages/[id]/email/frame), which Kiln's own
        // pages frame and which sends no referrer at all: headers set here win over a route's own.
        source: "/:path((?!api/v1/messages/[^/]+/email/frame$).*)",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
