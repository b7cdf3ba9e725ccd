// Lesson 07's chat page, the part that runs in the browser. Lessons 09 and 10
// serve this same file at /chat-page.js and build on it: their pages add only
// what is theirs (a connection that comes back by itself, a login). It is
// plain JavaScript, loaded as a module (<script type="module">), so the
// browser runs it as it is: there is no build step.
//
// A page is its <head> and a script that calls showChat(), which puts the
// chat's elements in the page, then connect().
//
// Everything the server sends is a JSON envelope ({type: 'welcome' | 'join' |
// 'leave' | 'message', …}, src/messages.ts); what we send is plain text.

// #region markup
let log, online, count, status, input, sendButton, size;

/**
 * Puts the chat in the page's <body>, the same in lessons 07, 09 and 10: a
 * header with the status and who is online, the log, the box and its byte
 * count. `online` is the count's label (lesson 09 says "online here": its
 * count is one process's); `header` is more markup for the header (lesson
 * 10's Log out button), our own, never a peer's.
 */
export function showChat({ online: onlineLabel = 'online', header = '' } = {}) {
  document.body.insertAdjacentHTML(
    'afterbegin',
    `<header>
  <h1>Chat</h1>
  <span><span id="status">connecting…</span><span id="count"> · <span id="online">0</span> ${onlineLabel}</span></span>
  ${header}
</header>
<ul id="log"></ul>
<form id="form">
  <input id="text" autocomplete="off" placeholder="Say something" aria-label="message" disabled>
  <button id="send" type="submit" disabled>Send</button>
</form>
<small id="size"></small>`,
  );
  const byId = (id) => document.getElementById(id);
  [log, online, count, status] = [byId('log'), byId('online'), byId('count'), byId('status')];
  [input, sendButton, size] = [byId('text'), byId('send'), byId('size')];
  input.addEventListener('input', showSize);
  byId('form').addEventListener('submit', sendTyped);
}
// #endregion markup

// #region text-only
/**
 * One line in the log, made of spans: [className, text] pairs. Other people's
 * words only ever go in textContent, never innerHTML, so "<img src=x
 * onerror=…>" shows as those characters and runs nothing.
 */
export function addLine(className, ...parts) {
  const item = document.createElement('li');
  item.className = className;
  for (const [partClass, text] of parts) {
    const span = document.createElement('span');
    span.className = partClass;
    span.textContent = text;
    item.append(span);
  }
  log.append(item);
  log.scrollTop = log.scrollHeight;
}
// #endregion text-only

export function setStatus(text) {
  status.textContent = text;
}

/** The WebSocket's address on the server that served this page, with a query of the non-empty `params`. */
export function chatUrl(params) {
  // An https page may only open wss:// (mixed content), so the scheme follows the page's.
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const search = query.toString();
  return `${scheme}//${location.host}/ws${search ? `?${search}` : ''}`;
}

// #region byte-limit
// The server's limit, in UTF-8 bytes (seed 004's maxMessageSize), from the
// welcome. A longer message would make the server close the connection with
// 1009, so the page refuses it before sending. Bytes, not characters: 中 is 3.
let maxMessageBytes = 0;
const encoder = new TextEncoder();
const byteLength = (text) => encoder.encode(text).length;

function showSize() {
  const bytes = byteLength(input.value);
  size.textContent = `${bytes} / ${maxMessageBytes} bytes`;
  size.classList.toggle('over', bytes > maxMessageBytes);
}

// Typing is possible only while connected: anything sent otherwise would be lost.
function setConnected(connected) {
  input.disabled = !connected;
  sendButton.disabled = !connected;
}
// #endregion byte-limit

// RFC 6455 §7.4.1 and the IANA registry. ws closes a connection it fails
// (a message too long, not UTF-8 …) with a code but no reason, so the page
// says what the code means.
const closeMeanings = {
  1000: 'closed',
  1001: 'the server is going away',
  1003: 'the server takes text messages only',
  1006: 'the connection was lost',
  1007: 'a message was not valid UTF-8',
  1008: "a message broke the server's rules",
  1011: 'the server hit an error',
  1012: 'the server is restarting',
};

function closeReason(event) {
  if (event.reason) return event.reason;
  if (event.code === 1009) return `a message was longer than ${maxMessageBytes} bytes`;
  return closeMeanings[event.code] ?? 'closed';
}

let me = null; // the name the server gave us
let lastId = null;

/** The id of the last message shown (lesson 09's messages have one), or null. */
export function lastMessageId() {
  return lastId;
}

function show(event) {
  if ('online' in event) online.textContent = String(event.online);
  if (event.type === 'welcome') {
    // The name we got, which is not the one we asked for if it was taken
    // (ann-2). A page that reconnects is welcomed again, under the same name.
    addLine('event', ['', event.name === me ? 'back' : `you are ${event.name}`]);
    me = event.name;
    maxMessageBytes = event.maxMessageBytes;
    count.hidden = false;
    showSize();
    setConnected(true);
    input.focus();
  }
  // The hub tells everyone about a join, us too: the welcome has said it.
  if (event.type === 'join' && event.name !== me) addLine('event', ['', `${event.name} joined`]);
  if (event.type === 'leave') addLine('event', ['', `${event.name} left`]);
  if (event.type === 'message') {
    if (event.id) lastId = event.id;
    const time = new Date(event.at).toLocaleTimeString();
    addLine('message', ['time', time], ['from', `${event.from}: `], ['text', event.text]);
  }
  // Lesson 09's hub: messages that were not kept for a page that came back,
  // and a message that could not be sent.
  if (event.type === 'gap') {
    addLine('event warning', [
      '',
      'some messages were missed: they are older than the history kept',
    ]);
  }
  if (event.type === 'error') addLine('event warning', ['', event.message]);
}

// #region connect
let socket = null;

/**
 * Opens the chat's WebSocket at `url` and joins it to the page: what arrives
 * is shown, the box sends through it while it is open, and its close is
 * explained. Returns the socket, to which a page can add listeners of its own.
 */
export function connect(url) {
  socket = new WebSocket(url);
  // For the browser's console: `socket.send('x'.repeat(600))` sends what the
  // box refuses, to see what the server does with it.
  globalThis.socket = socket;
  let opened = false;
  socket.addEventListener('open', () => {
    opened = true;
    setStatus('connected');
  });
  socket.addEventListener('message', (message) => show(JSON.parse(message.data)));
  socket.addEventListener('close', (event) => {
    setConnected(false);
    count.hidden = true; // who is online is no longer known
    if (!opened) {
      // A refused handshake (a 403, a 401) reaches a page as 1006 and nothing more.
      setStatus(`could not connect (${event.code})`);
      return;
    }
    setStatus('disconnected');
    addLine('event warning', ['', `disconnected (${event.code}): ${closeReason(event)}`]);
  });
  return socket;
}

/** The form's submit: what is in the box goes to the server, if it may. */
function sendTyped(event) {
  event.preventDefault();
  const text = input.value;
  if (text.trim() === '' || socket?.readyState !== WebSocket.OPEN) return;
  const bytes = byteLength(text);
  if (bytes > maxMessageBytes) {
    // Refused here, and the text stays in the box to be shortened.
    addLine('event warning', [
      '',
      `not sent: ${bytes} bytes, the server takes at most ${maxMessageBytes}`,
    ]);
    return;
  }
  socket.send(text);
  input.value = '';
  showSize();
}
// #endregion connect
