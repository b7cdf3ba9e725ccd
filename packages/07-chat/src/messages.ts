// What travels on the chat socket.
//
// Client → server: plain text, as in seed 004 (the page sends what the user
// typed). Server → client: always a small JSON envelope, so a page can tell a
// chat message from a join without guessing, and so text a user typed is a
// JSON string value, never markup: the page puts it in `textContent`.

// #region envelope
export type ChatEvent =
  /**
   * Only to you, first: the name you got (ann-2 if an ann is here), how many
   * are here, and the longest message the server takes, in UTF-8 bytes.
   */
  | { type: 'welcome'; name: string; online: number; maxMessageBytes: number }
  | { type: 'join'; name: string; online: number }
  | { type: 'leave'; name: string; online: number }
  /** `at` is the server's clock (ms since 1970) when the hub received it. */
  | { type: 'message'; from: string; text: string; at: number; online: number };

/** The bytes of one text frame's payload. */
export function encode(event: ChatEvent): Buffer {
  return Buffer.from(JSON.stringify(event));
}
// #endregion envelope

/** The other way round, for clients. Throws on anything that is not an envelope. */
export function parseEvent(text: string): ChatEvent {
  const event: unknown = JSON.parse(text);
  if (typeof event !== 'object' || event === null || !('type' in event)) {
    throw new Error(`not a chat event: ${text}`);
  }
  return event as ChatEvent;
}

/** One terminal line per event, as the terminal client prints it. */
export function describeEvent(event: ChatEvent): string {
  switch (event.type) {
    case 'welcome':
      return `* you are ${event.name} (${event.online} online)`;
    case 'join':
      return `* ${event.name} joined (${event.online} online)`;
    case 'leave':
      return `* ${event.name} left (${event.online} online)`;
    case 'message':
      return `${event.from}: ${event.text}`;
  }
}

// #region names
const MAX_NAME_LENGTH = 24;

/**
 * The nickname from `?name=`, made harmless: control characters (which could
 * rewrite a terminal's screen in a log line) are removed, and it is cut to a
 * length a chat window can show. Without one you are `guest-<n>`.
 */
export function chooseName(requested: string | null, guestNumber: number): string {
  const cleaned = [...(requested ?? '').replace(/\p{Cc}/gu, '').trim()]
    .slice(0, MAX_NAME_LENGTH)
    .join('');
  return cleaned === '' ? `guest-${guestNumber}` : cleaned;
}

/**
 * Two people online as ann could not tell whose message is whose, so the
 * second ann is ann-2 and the third ann-3 (the welcome tells each the name it
 * got). The suffix replaces the end of a name already at MAX_NAME_LENGTH.
 */
export function uniqueName(name: string, isTaken: (name: string) => boolean): string {
  let candidate = name;
  for (let n = 2; isTaken(candidate); n += 1) {
    const suffix = `-${n}`;
    candidate = [...name].slice(0, MAX_NAME_LENGTH - suffix.length).join('') + suffix;
  }
  return candidate;
}
// #endregion names
