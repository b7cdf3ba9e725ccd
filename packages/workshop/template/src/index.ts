export { defaults, optionsFromEnv, type ServerOptions } from './options.ts';
export { type Server, startServer } from './server.ts';
