import { Platform } from "../generated/prisma/enums.js";

/**
 * Every channel the bot speaks on. The database's `Platform` enum is the one list: a new channel
 * is one migration adding its value, and every type below follows (no copies to keep in step).
 */
export type ChatPlatform = Platform;

export const PLATFORMS: readonly ChatPlatform[] = Object.values(Platform);
