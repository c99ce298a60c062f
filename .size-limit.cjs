// `pnpm size`: what a merchant ships, brotli-compressed, with every dependency except React, from
// the built dist (run `pnpm build` first; the test command does). TanStack Query is a peer
// dependency (the app's own copy, shared: ~8.6 kB of each figure below) and is counted in every
// scenario all the same. `pnpm size:why` shows what each scenario is made of, module by module.
//
// Issue 12 set the targets: 25 kB for a page with the components, 15 kB for the hooks alone.
// Before it (zod/mini in the browser, both dictionaries in the main entry, @ayokit/core one
// bundled file): checkout 43.79 kB, whole kit 47.82 kB, hooks alone 28.76 kB.
// After: no zod in the browser (the response schemas compiled to plain checks, -8.4 kB), core
// tree-shaken module by module, English an entry point of its own (-2.4 kB), useSavedCards'
// setDefault without TanStack's mutation observer (-0.4 kB).
// Not reached yet (see the README): what is left is TanStack Query (~8.6 kB, fixed: it stays),
// the Indonesian dictionary (~3.4 kB), the components (~11 kB for the checkout: it embeds the
// bank picker, binding, card registration, saved list and OTP steps) and the hooks and the
// client (~8 kB with core's checks). Each budget is the measured figure, to fail any regression.
const REACT = ['react', 'react-dom', 'react/jsx-runtime'];

module.exports = [
  {
    // A shop's checkout page: the provider and the pay button, in the default locale (Indonesian).
    // Target 25 kB; measured 32.53 kB (43.79 before issue 12).
    name: 'checkout: AyoProvider + PayWithSavedCard',
    path: 'packages/react/dist/index.js',
    import: '{ AyoProvider, PayWithSavedCard }',
    ignore: REACT,
    limit: '32.55 kB',
  },
  {
    // Every component, the provider and every hook (Indonesian; English is
    // @ayokit/react/locales/en, ~2.4 kB more). Target 25 kB; measured 36.66 kB (47.82 before).
    name: 'whole kit: @ayokit/react + @ayokit/hooks',
    path: 'packages/react/dist/index.js',
    import: '*',
    ignore: REACT,
    limit: '36.7 kB',
  },
  {
    // A shop that builds its own UI on the hooks. Target 15 kB; measured 19.72 kB (28.76 before):
    // TanStack Query is 8.6 kB of it.
    name: 'hooks alone: @ayokit/hooks',
    path: 'packages/hooks/dist/index.js',
    import: '*',
    ignore: REACT,
    limit: '19.75 kB',
  },
];
