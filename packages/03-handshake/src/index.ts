export { isOriginAllowed, pageOrigins } from './origin.ts';
