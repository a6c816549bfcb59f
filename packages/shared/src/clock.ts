/** Time as a dependency, so leases, timeouts and cron can run on a fake clock in tests. */
export interface Clock {
  now(): number;
}

export function createSystemClock(): Clock {
  return { now: () => Date.now() };
}

/** A clock that moves only when told to. */
export function createManualClock(start = 0): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}
