import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
    files: ['src-main/core/**', 'src-main/station/**', 'src-main/cli/**', 'src-main/start.ts', 'src-main/csp.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core never imports electron.' }] }],
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
