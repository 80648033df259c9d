/**
 * The two clocks a bench can read, in milliseconds. `wall` (the default) is performance.now(). `cpu` is
 * this process's user + system CPU time (process.cpuUsage, i.e. getrusage): on a machine shared with other
 * busy processes it does not count the time the benchmark waits for a core, so it is the steadier figure
 * there. It includes V8's helper threads (concurrent GC marking, optimizing compiler), work both engines
 * cause alike.
 */
export type Clock = () => number;

export const wallClock: Clock = () => performance.now();

export const cpuClock: Clock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
