import type { NextConfig } from 'next';

const config: NextConfig = {
  // The Kubernetes client is Node-only and large; load it at run time, do not bundle it.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
};

export default config;
