import type { NextConfig } from 'next';

const config: NextConfig = {
  poweredByHeader: false,
  // PGlite reads its WASM and data files from its own folder at run time: never bundle it.
  // (pg is on Next's built-in list of server packages already.)
  serverExternalPackages: ['@electric-sql/pglite'],
  // scripts/example-next.mjs measures which share of the browser bundle is the kit's from these maps.
  productionBrowserSourceMaps: process.env.NEXT_EXAMPLE_SOURCE_MAPS === '1',
};

export default config;
