import { defineMessages } from "../define.js";

export const slack = defineMessages({
  nl: {
    "slack.form.close": "Annuleren",
    "slack.home.unknown": "Welkom bij Netwerkbot",
    "slack.fileSent": "Het bestand staat in je privébericht met mij.",
    "slack.formErrors": "Er klopt iets niet in het formulier: {details}",
    "slack.install.success": "Netwerkbot is geïnstalleerd. Je kunt dit venster sluiten en in Slack /netwerk help typen.",
    "slack.install.failure": "De installatie is niet gelukt. Probeer het opnieuw of vraag je Slack-beheerder om hulp.",
  },
  en: {
    "slack.form.close": "Cancel",
    "slack.home.unknown": "Welcome to Netwerkbot",
    "slack.fileSent": "The file is in your direct message with me.",
    "slack.formErrors": "Something in the form is not right: {details}",
    "slack.install.success": "Netwerkbot is installed. You can close this window and type /netwerk help in Slack.",
    "slack.install.failure": "The installation did not succeed. Try again or ask your Slack admin for help.",
  },
});
