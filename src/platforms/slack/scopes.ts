/** Bot scopes the app asks for; manifests/slack/manifest.yaml must list exactly these (tested). */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "im:write",
  // conversations.history on the bot's own DM: did a message whose worker died arrive (sender.ts)?
  "im:history",
  "users:read",
  "users:read.email",
  "files:write",
  "channels:read",
  "channels:join",
  "groups:read",
] as const;

export const SLACK_PATHS = {
  events: "/slack/events",
  install: "/slack/install",
  oauthRedirect: "/slack/oauth_redirect",
} as const;

/** Events the app subscribes to (listeners in ./listeners). */
export const BOT_EVENTS = ["app_home_opened", "app_uninstalled", "tokens_revoked"] as const;
