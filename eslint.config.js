import tseslint from 'typescript-eslint';
import ritmo from './tools/eslint/dependency-direction.js';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/testdata/**', 'docs/**', '.ritmo/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { ritmo, '@typescript-eslint': tseslint.plugin },
    rules: {
      'ritmo/dependency-direction': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CatchClause[param.typeAnnotation.typeAnnotation.type="TSAnyKeyword"]', message: 'Catch `e: unknown` and pass it through toError.' },
      ],
    },
  },
);
