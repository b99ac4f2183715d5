// Local ESLint plugin `layering`. Use: `plugins: { layering: layeringPlugin }`, rule 'layering/boundaries'.
import { boundaries } from './boundaries.js';

/** @type {import('eslint').ESLint.Plugin} */
export const layeringPlugin = {
  meta: { name: 'layering', version: '1.0.0' },
  rules: { boundaries },
};
