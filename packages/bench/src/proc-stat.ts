import { readFileSync } from 'node:fs';

// What a process has used so far, read from Linux's /proc, for the chat
// bench's server CPU and memory columns.

/**
 * /proc/<pid>/stat counts CPU time in clock ticks of 1/USER_HZ s, and USER_HZ
 * is 100 on every Linux the kernel ABI allows (`getconf CLK_TCK`).
 */
const CLOCK_TICKS_PER_SECOND = 100;

export const MiB = 1024 * 1024;

/** CPU time (user + system) a process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  // proc(5): fields 14 and 15 are utime and stime; the command name in field 2
  // may hold spaces, so count from the ')' that closes it (field 3 is [0]).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** The memory a process holds in RAM (VmRSS), in bytes. */
export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) * 1024 : Number.NaN;
}
