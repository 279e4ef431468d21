import type { DbClient } from "../../../db/database.js";
import type { ErasureStep } from "./steps.js";

/**
 * The port through which a channel erases what it keeps about a person in its own tables
 * (Teams' conversation references, Slack's installations). Core names no platform table: each
 * channel registers its clean-up at start, and the erasure runs it in the same transaction.
 */
export interface ErasureHook extends ErasureStep {
  /**
   * The ids this channel knows the person by besides their linked accounts (`linked`), gathered
   * before anything goes: join requests under them are removed and free text is scrubbed of them.
   */
  userIds?(tx: DbClient, linked: string[]): Promise<string[]>;
}

/**
 * The registered hooks, created once by the composition root and passed in CoreDeps. Every
 * channel's clean-up is registered whether or not it is configured now: its rows outlive a change
 * of configuration.
 */
export class ErasureHooks {
  readonly #hooks = new Map<string, ErasureHook>();

  register(...hooks: ErasureHook[]): this {
    for (const hook of hooks) {
      if (this.#hooks.has(hook.name)) throw new Error(`erasure hook "${hook.name}" registered twice`);
      this.#hooks.set(hook.name, hook);
    }
    return this;
  }

  get all(): ErasureHook[] {
    return [...this.#hooks.values()];
  }
}

/** Thrown when an erasure runs on deps without hooks: it would leave the channels' rows behind. */
export class NoErasureHooksError extends Error {
  constructor() {
    super("erasure needs CoreDeps.erasure: the composition root registers every channel's clean-up (src/platforms/erasure.ts)");
    this.name = "NoErasureHooksError";
  }
}
