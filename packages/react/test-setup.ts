import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// findBy… and waitFor wait up to 5 s (Testing Library's default is 1 s): a step loaded on demand is
// a dynamic import, which Vitest transforms on first use, and on a loaded 2-core machine that
// alone has taken over a second. A test still passes the moment its element shows.
configure({ asyncUtilTimeout: 5_000 });
