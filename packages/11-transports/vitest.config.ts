export { default } from '@sockets/testkit/vitest-config';
