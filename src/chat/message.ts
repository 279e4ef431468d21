/**
 * The neutral message model. Use cases' results are turned into these by src/chat; each
 * platform (Slack Block Kit, Teams Adaptive Cards, the web playground) renders them.
 * All text is plain and already translated: renderers escape it for their markup, so user
 * content (event titles, remarks) can never inject formatting or mentions.
 */

export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: string }
  /** Small print under a section: hints, timestamps. */
  | { type: "context"; text: string }
  | { type: "fields"; fields: Array<{ label: string; value: string }> }
  | { type: "actions"; buttons: Button[] }
  | { type: "image"; url: string; alt: string }
  | { type: "divider" };

export interface Button {
  /** Stable action id routed by src/chat/actions.ts. */
  action: string;
  label: string;
  /** Opaque to platforms; parsed with zod when the action comes back. */
  value: string;
  style?: "primary" | "danger";
  /** Opens a URL instead of calling back (e.g. the .ics download, the dashboard link). */
  url?: string;
}

export interface ChatMessage {
  /** One-line summary: notification text and fallback for clients that cannot show blocks. */
  summary: string;
  blocks: Block[];
}

export type FormField =
  | (BaseField & { kind: "number"; initial?: number; min?: number; max?: number })
  | (BaseField & { kind: "text" | "textarea"; initial?: string; maxLength?: number })
  | (BaseField & { kind: "select"; initial?: string; options: Array<{ value: string; label: string }> })
  | (BaseField & { kind: "datetime"; initial?: string })
  /** A calendar day, "YYYY-MM-DD" in and out (a picker where the platform has one). */
  | (BaseField & { kind: "date"; initial?: string });

interface BaseField {
  id: string;
  label: string;
  required: boolean;
  hint?: string;
  placeholder?: string;
}

export interface Form {
  /** Routed by src/chat/forms when submitted. */
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** Round-tripped unchanged (e.g. which event is being edited); validated on return. */
  context?: string;
}

export interface ChatFile {
  filename: string;
  mimeType: string;
  content: string | Uint8Array;
  title: string;
}

/** What a command, button or form submission asks the platform to do. */
export type ChatEffect =
  /** Answer only the person who asked (ephemeral in Slack channels, personal in Teams). */
  | { type: "reply"; message: ChatMessage }
  /** Post publicly in the conversation the request came from (event announcements). */
  | { type: "post"; message: ChatMessage; announces?: { eventId: string } }
  /** Replace the message whose button was pressed (RSVP counts updated in place). */
  | { type: "update"; message: ChatMessage }
  | { type: "openForm"; form: Form }
  /** Keep the form open with errors next to the fields (Slack response_action: errors). */
  | { type: "formErrors"; errors: Record<string, string> }
  | { type: "file"; file: ChatFile }
  /** Bring every posted copy of this event's announcement up to date (it was changed or cancelled). */
  | { type: "refreshAnnouncements"; eventId: string };

export const reply = (message: ChatMessage): ChatEffect => ({ type: "reply", message });

export function textMessage(text: string): ChatMessage {
  return { summary: text, blocks: [{ type: "text", text }] };
}
