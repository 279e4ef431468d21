import { defineMessages } from "../define.js";

export const downloads = defineMessages({
  nl: {
    "downloads.notFound": "Deze downloadlink bestaat niet (meer). Vraag het bestand opnieuw aan in de chat met Netwerkbot.",
    "downloads.expired": "Deze downloadlink is verlopen (hij werkt 15 minuten). Vraag het bestand opnieuw aan in de chat met Netwerkbot.",
  },
  en: {
    "downloads.notFound": "This download link does not exist (any more). Ask for the file again in the chat with Netwerkbot.",
    "downloads.expired": "This download link has expired (it works for 15 minutes). Ask for the file again in the chat with Netwerkbot.",
  },
});
