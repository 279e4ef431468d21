import { defineMessages } from "../define.js";

export const chat = defineMessages({
  nl: {
    "chat.help.title": "Wat ik voor je kan doen",
    "chat.help.intro": "Typ een van deze opdrachten:",
    "chat.help.coordinator": "Voor coördinatoren:",
    "chat.help.help": "help — dit overzicht",
    "chat.unknownCommand": "Die opdracht ken ik niet: \"{command}\". Typ help voor wat ik kan.",
    "chat.tooLong": "Dat bericht is te lang voor mij (maximaal {max, plural, one {# teken} other {# tekens}}).",
    "chat.coordinatorOnly": "De opdracht \"{command}\" is alleen voor netwerkcoördinatoren.",
    "chat.unknownAction": "Deze knop werkt niet meer. Typ help om opnieuw te beginnen.",
    "chat.unknownForm": "Dit formulier is verlopen. Open het opnieuw.",
    "chat.busy": "Het is even erg druk, probeer het zo opnieuw.",
  },
  en: {
    "chat.help.title": "What I can do for you",
    "chat.help.intro": "Type one of these commands:",
    "chat.help.coordinator": "For coordinators:",
    "chat.help.help": "help — this overview",
    "chat.unknownCommand": "I don't know the command \"{command}\". Type help to see what I can do.",
    "chat.tooLong": "That message is too long for me (at most {max, plural, one {# character} other {# characters}}).",
    "chat.coordinatorOnly": "The command \"{command}\" is for network coordinators only.",
    "chat.unknownAction": "This button no longer works. Type help to start again.",
    "chat.unknownForm": "This form has expired. Please open it again.",
    "chat.busy": "It is very busy right now, please try again in a moment.",
  },
});
