export { default } from './src/vitest-config.js';
