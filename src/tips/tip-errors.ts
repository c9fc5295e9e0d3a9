// Named errors of the tip domain; each carries what a handler needs to answer the person in front of it.

export class TipBannedError extends Error {
  override name = "TipBannedError";
  constructor(readonly userId: number) {
    super(`user ${userId} is banned from sending tips`);
  }
}

export class TipNotFoundError extends Error {
  override name = "TipNotFoundError";
  constructor(readonly reference: string | number) {
    super(`no tip ${reference}`);
  }
}

export class TipTransitionError extends Error {
  override name = "TipTransitionError";
  constructor(readonly from: string, readonly to: string) {
    super(`a tip cannot go from ${from} to ${to}`);
  }
}
