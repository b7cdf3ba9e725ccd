// Exercise 05.2: count each connection's messages, and log the count when it closes.
//
//   127.0.0.1:56724 closed after 3 messages: 1000 (normal closure) "bye"
//
// The server calls `countingSession` once per connection, with the peer's name.
// `onMessage` is called for each message the connection receives; `closedLine`
// once, after the connection has closed.

import type { Logger } from '@sockets/shared';
import { describeClose } from '../../src/connection.ts';
import { echoMessages } from '../../src/echo.ts';
import type { Session } from '../../src/server.ts';

export function countingSession(name: string, log: Logger): Session {
  const echo = echoMessages(log);
  // TODO(exercise): count the messages, and put the count in the closed line
  // ("1 message", "0 messages", "3 messages"). Where must the counter live so
  // that each connection has its own, and it goes away with the connection?
  return {
    onMessage(connection, type, data) {
      echo(connection, type, data);
    },
    closedLine(info) {
      return `${name} closed: ${describeClose(info)}`;
    },
  };
}
