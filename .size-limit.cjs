// `pnpm size`: gzipped size of the browser packages with their own dependencies (react excluded),
// from the built dist (run `pnpm build` first; the test command does).
module.exports = [
  {
    name: '@ayokit/hooks',
    path: 'packages/hooks/dist/index.js',
    import: '*',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    // Aim: 15 kB. Measured 24.7 kB: TanStack Query ~10 kB and zod/mini ~7 kB of it (see README).
    // Card Acceptance (card registration, authorize/capture/void, OTP resend): 26.8 kB.
    // Trust split (checkouts, the staff client and hooks, their response schemas): 28.55 kB;
    // with the provider's one clock (useNow): 28.63 kB.
    // Capabilities from the wire profile (useCapabilities, its schema, getCapabilities): 28.73 kB.
    // The provider carries its `messages` for @ayokit/react (issue 11): 28.76 kB.
    limit: '28.8 kB',
  },
  {
    name: '@ayokit/react + @ayokit/hooks',
    path: 'packages/react/dist/index.js',
    import: '*',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    // Aim: 25 kB. Measured 30.8 kB (the components add ~6 kB to the hooks).
    // Card Acceptance (AddCard, brand marks, capture/void, ~110 new strings in id and en): 36.8 kB;
    // with headingLevel and the shared hosted-page step: 37.1 kB.
    // Trust split (checkout states, AuditTrail, ~50 new strings in id and en, staff hooks): 40.53 kB;
    // with the provider's one clock: 40.55 kB.
    // AyoProvider exported from @ayokit/react too (issue 11): the scenario now counts the provider
    // every app mounts (TanStack's QueryClient, the HTTP client, the live hub), which the figure
    // above left out; the same bundle measured 46.98 kB before (react + AyoProvider from hooks),
    // 47.13 kB now ("use client" banners). @tanstack/react-query, now a peer dependency, is still
    // counted: esbuild bundles it, only React is ignored.
    // Capabilities (resend, card refund and void offered only where the API has them; the
    // bilingual hint and ops note, NOT_SUPPORTED's message): 47.47 kB.
    // A shop's own words (AyoProvider's `messages`: the deep merge, its memo and fallbacks; the dev
    // warnings are dropped in production builds) and SavedCardList named by what it lists
    // (accounts, cards or both: 9 new strings in id and in en): 47.82 kB. Issue 12 cuts all of this.
    limit: '47.85 kB',
  },
];
