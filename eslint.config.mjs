import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NO_ELECTRON = { name: 'electron', message: 'The core never imports electron.' };

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The core and the browser station run where Electron is absent: they must never import it.
    files: ['src-main/core/**', 'src-main/station/**', 'src-main/cli/**', 'src-main/hub/**', 'src-main/start.ts', 'src-main/csp.ts', 'src-main/runtime.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
    },
  },
  {
    // The device adapter sits above the core and calls it through the contract; the shapes the two exchange live in
    // domain/devices.ts. A core module reaching into devices/ would tie the core to ports and drivers and close a
    // circle. (This entry replaces the one above for these files, so it repeats the electron rule.)
    files: ['src-main/core/**'],
    ignores: ['src-main/core/devices/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON],
          patterns: [{
            regex: '(^|/)devices/',
            message: 'The core never imports the device adapter (devices/): shared device shapes are in domain/devices.ts.',
          }],
        },
      ],
    },
  },
  {
    // The renderer talks to the core only through the contract and the bridge. The domain's rules are pure
    // functions with no I/O: forms use them to check input as it is typed, exactly as the core will.
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: [{
            group: ['**/src-main/core/*', '!**/src-main/core/contract', '!**/src-main/core/domain'],
            message: 'Only the contract and the domain rules cross into the renderer.',
          },] },
      ],
    },
  },
);
