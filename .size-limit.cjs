// `pnpm size`: what a merchant ships, brotli-compressed, with every dependency except React
// (TanStack Query, a peer dependency shared with the app, is counted in every scenario), from the
// built dist (run `pnpm build` first; the test command does). `pnpm size:why` shows what each is
// made of. Issue 12 set the targets; the history of the figures is in git and in the README.
const REACT = ['react', 'react-dom', 'react/jsx-runtime'];

module.exports = [
  {
    // A shop's checkout page: the provider and the pay button, in the default locale (Indonesian).
    name: 'checkout: AyoProvider + PayWithSavedCard',
    path: 'packages/react/dist/index.js',
    import: '{ AyoProvider, PayWithSavedCard }',
    ignore: REACT,
    limit: '35.4 kB',
  },
  {
    // Every component, the provider and every hook.
    name: 'whole kit: @ayokit/react + @ayokit/hooks',
    path: 'packages/react/dist/index.js',
    import: '*',
    ignore: REACT,
    limit: '47.85 kB',
  },
  {
    // A shop that builds its own UI on the hooks.
    name: 'hooks alone: @ayokit/hooks',
    path: 'packages/hooks/dist/index.js',
    import: '*',
    ignore: REACT,
    limit: '28.8 kB',
  },
];
