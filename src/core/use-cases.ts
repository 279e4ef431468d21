import type { CoreDeps } from "./deps.js";

/** A use case of core: the dependencies first, then what it is asked. */
export type UseCase<A extends unknown[], R> = (deps: CoreDeps, ...args: A) => R;

/**
 * What a caller outside core holds instead of the dependencies (chat's context): it can run a
 * use case and read the clock, but not reach the database handle. `run(submitReport, actor, raw)`
 * is `submitReport(deps, actor, raw)`.
 */
export interface UseCases {
  run<A extends unknown[], R>(useCase: UseCase<A, R>, ...args: A): R;
  now(): Date;
}

export function useCases(deps: CoreDeps): UseCases {
  return { run: (useCase, ...args) => useCase(deps, ...args), now: () => deps.now() };
}
