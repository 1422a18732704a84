import type { NextConfig } from 'next';

// Headers every response carries, static files included; the CSP with its per-request nonce is set in proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const config: NextConfig = {
  // The console image (Dockerfile.console) runs .next/standalone/server.js: the server and only the node_modules
  // it traces, no npm and no dev dependencies.
  output: 'standalone',
  // The Kubernetes client is Node-only and large; load it at run time, do not bundle it.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default config;
