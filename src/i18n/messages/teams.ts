import { defineMessages } from "../define.js";

export const teams = defineMessages({
  nl: {
    "teams.file.download": "Downloaden",
    "teams.file.expires": "De downloadlink werkt {minutes, plural, one {# minuut} other {# minuten}} en alleen via deze bot.",
    "teams.action.done": "Verwerkt.",
    "teams.file.personalOnly": "Bestanden stuur ik alleen in je persoonlijke chat met mij. Open de chat met Netwerkbot (Apps → Netwerkbot) en vraag het daar opnieuw.",
    "teams.form.sentPrivately": "Ik heb je het formulier in je persoonlijke chat met mij gestuurd, zodat alleen jij de gegevens ziet.",
    "teams.form.personalOnly": "Formulieren met gegevens van jou of je organisatie open ik alleen in je persoonlijke chat met mij. Open de chat met Netwerkbot (Apps → Netwerkbot) en vraag het daar opnieuw.",
    "teams.welcome.title": "Welkom bij Netwerkbot",
    "teams.welcome.channel": "Ik ben toegevoegd aan dit kanaal. Noem mij (@Netwerkbot) gevolgd door een opdracht, bijvoorbeeld \"@Netwerkbot agenda\". Typ \"@Netwerkbot help\" voor alle opdrachten.",
  },
  en: {
    "teams.file.download": "Download",
    "teams.file.expires": "The download link works for {minutes, plural, one {# minute} other {# minutes}} and only through this bot.",
    "teams.action.done": "Done.",
    "teams.file.personalOnly": "I only send files in your personal chat with me. Open the chat with Netwerkbot (Apps → Netwerkbot) and ask there again.",
    "teams.form.sentPrivately": "I have sent you the form in your personal chat with me, so only you see the data.",
    "teams.form.personalOnly": "I only open forms with data about you or your organisation in your personal chat with me. Open the chat with Netwerkbot (Apps → Netwerkbot) and ask there again.",
    "teams.welcome.title": "Welcome to Netwerkbot",
    "teams.welcome.channel": "I have been added to this channel. Mention me (@Netwerkbot) followed by a command, for example \"@Netwerkbot events\". Type \"@Netwerkbot help\" for all commands.",
  },
});
