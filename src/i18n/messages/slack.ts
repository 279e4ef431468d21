import { defineMessages } from "../define.js";

export const slack = defineMessages({
  nl: {
    "slack.form.close": "Annuleren",
    "slack.home.unknown": "Welkom bij Netwerkbot",
    "slack.fileSent": "Het bestand staat in je privébericht met mij.",
    "slack.formErrors": "Er klopt iets niet in het formulier: {details}",
    "slack.post.channelUnreachable":
      "Ik kon dit niet in het kanaal zetten waar je het vroeg: ik ben daar geen lid, of het kanaal is gearchiveerd. Daarom staat het hieronder, alleen voor jou. Wil je dat ik voortaan in dat kanaal kan posten? Nodig me daar uit met /invite @Netwerkbot.",
    "slack.install.success": "Netwerkbot is geïnstalleerd. Je kunt dit venster sluiten en in Slack /netwerk help typen.",
    "slack.install.failure": "De installatie is niet gelukt. Probeer het opnieuw of vraag je Slack-beheerder om hulp.",
  },
  en: {
    "slack.form.close": "Cancel",
    "slack.home.unknown": "Welcome to Netwerkbot",
    "slack.fileSent": "The file is in your direct message with me.",
    "slack.formErrors": "Something in the form is not right: {details}",
    "slack.post.channelUnreachable":
      "I could not post this in the channel where you asked: I am not a member there, or the channel is archived. So here it is, just for you. Want me to be able to post in that channel from now on? Invite me there with /invite @Netwerkbot.",
    "slack.install.success": "Netwerkbot is installed. You can close this window and type /netwerk help in Slack.",
    "slack.install.failure": "The installation did not succeed. Try again or ask your Slack admin for help.",
  },
});
