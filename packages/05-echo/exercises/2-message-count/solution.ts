// Exercise 05.2: count each connection's messages, and log the count when it closes.
//
//   127.0.0.1:56724 closed after 3 messages: 1000 (normal closure) "bye"
//
// The server calls `countingSession` once per connection, so the counter is a
// local variable of that call: each connection gets its own, and it is
// garbage once the connection (and with it the session) is gone. A counter at
// module level would add up every connection's messages; a Map from
// connection to count would have to be cleaned up by hand, or grow for ever.

import type { Logger } from '@sockets/shared';
import { describeClose } from '../../src/connection.ts';
import { echoMessages } from '../../src/echo.ts';
import type { Session } from '../../src/server.ts';

export function countingSession(name: string, log: Logger): Session {
  const echo = echoMessages(log);
  let messages = 0;
  return {
    onMessage(connection, type, data) {
      messages += 1;
      echo(connection, type, data);
    },
    closedLine(info) {
      const counted = messages === 1 ? '1 message' : `${messages} messages`;
      return `${name} closed after ${counted}: ${describeClose(info)}`;
    },
  };
}
