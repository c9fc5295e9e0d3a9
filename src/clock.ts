/** Time as a dependency, so schedules, quiet hours and the 48-hour rule are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
