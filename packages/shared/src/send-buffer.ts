/**
 * How many unsent bytes one peer may have waiting before we stop feeding it
 * (stop reading its requests, stop reading input, queue in our own bounded
 * queue). 16 KiB is Node's default highWaterMark for a socket: where
 * `socket.write` starts returning false, Node's own "slow down" signal. Lessons
 * 05, 06 and 07 use it, so that their memory per slow peer stays bounded.
 */
export const SEND_BUFFER_LIMIT = 16 * 1024;
