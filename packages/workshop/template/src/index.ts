export { type ServerOptions, serverDefaults, serverOptionsFromEnv } from './options.ts';
export { type Server, startServer } from './server.ts';
