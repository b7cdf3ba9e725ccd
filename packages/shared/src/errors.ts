// The socket errors a learner meets first, in words that say what to do.
// Node reports them as `Error` objects with a `code` (the C library's errno name)
// and a terse message such as `connect ECONNREFUSED 127.0.0.1:7000`.

interface SystemError extends Error {
  code?: string;
  address?: string;
  port?: number;
}

const explanations: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) =>
    `connection refused by ${where}: nothing is listening there. Start the server first, or check HOST and PORT.`,
  ECONNRESET: (where) =>
    `connection reset by ${where}: the peer closed the connection abruptly (it crashed, or closed with unread data).`,
  EADDRINUSE: (where) =>
    `address ${where} is already in use: another program (perhaps another copy of this server) is listening there. Stop it or pick another PORT.`,
  EADDRNOTAVAIL: (where) => `address ${where} is not available on this machine: check HOST.`,
  EACCES: (where) =>
    `permission denied for ${where}: ports below 1024 need privileges. Pick a PORT above 1024.`,
  ENOTFOUND: (where) => `host ${where} was not found: check the spelling of HOST.`,
  ETIMEDOUT: (where) => `timed out talking to ${where}: the peer did not answer in time.`,
  EPIPE: (where) =>
    `broken pipe to ${where}: the peer closed the connection before we finished writing.`,
  EMSGSIZE: (where) =>
    `message too long for one datagram to ${where}: a UDP datagram carries at most 65,507 bytes of data over IPv4. Split it, or use TCP.`,
};

export function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as SystemError).code : undefined;
}

/** A one-line explanation of a socket error, or its own message when we have nothing better. */
export function explainError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, address, port } = error as SystemError;
  const explain = code === undefined ? undefined : explanations[code];
  if (explain === undefined) return error.message;
  const where =
    address === undefined ? 'the peer' : port === undefined ? address : `${address}:${port}`;
  return `${explain(where)} (${code})`;
}
