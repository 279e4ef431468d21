import { ErasureHooks } from "../core/members/erasure/hooks.js";
import { slackErasure } from "./slack/erasure.js";
import { teamsErasure } from "./teams/erasure.js";

/**
 * Every channel's clean-up on erasure, registered at start by the composition roots (the app, the
 * admin command). A channel with tables of its own adds its hook here; the web playground and
 * e-mail keep nothing outside core's tables.
 */
export function channelErasureHooks(): ErasureHooks {
  return new ErasureHooks().register(slackErasure, teamsErasure);
}
