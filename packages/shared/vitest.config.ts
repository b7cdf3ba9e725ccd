// @sockets/testkit depends on this package, so this package cannot depend on
// it back (turbo refuses a cycle): it takes the shared config by path instead.
export { default } from '../testkit/src/vitest-config.js';
