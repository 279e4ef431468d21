import { defineMessages } from "../define.js";

export const common = defineMessages({
  nl: {
    "error.invalidInput": "Dat klopt niet helemaal. {details}",
    "error.notAllowed": "Dat mag alleen een netwerkcoördinator.",
    "error.notFound": "Niet gevonden.",
    "error.unexpected": "Er ging iets mis aan onze kant. Probeer het zo nog eens: wat al gelukt was blijft staan en komt er niet dubbel in.",
    "error.unknownPerson":
      "Ik ken je nog niet. Vraag je netwerkcoördinator om je e-mailadres toe te voegen, dan koppel ik je account automatisch.",
    "error.noEmployer": "Je bent niet aan een werkgever gekoppeld. Vraag je netwerkcoördinator dit te regelen.",
    "field.required": "Vul dit veld in.",
    "field.timeOf": "{label}: tijd",
    "field.tooLong": "Dit is te lang (maximaal {max, plural, one {# teken} other {# tekens}}).",
    "field.notANumber": "Vul een heel getal in.",
    "field.negative": "Een aantal kan niet negatief zijn.",
    "field.tooLarge": "Dat getal is onwaarschijnlijk groot (maximaal {max, number}).",
    "field.invalid": "Deze waarde is ongeldig.",
    "field.year": "Kies een jaar van 2000 tot en met 2100, bijvoorbeeld Q3 2026.",
    "field.quarter": "Een kwartaal is Q1, Q2, Q3 of Q4, bijvoorbeeld Q3 2026.",
    "field.invalidDate": "Vul een geldige datum en tijd in.",
    "field.invalidUrl": "Vul een geldige link in (https://…).",
  },
  en: {
    "error.invalidInput": "That is not quite right. {details}",
    "error.notAllowed": "Only a network coordinator can do that.",
    "error.notFound": "Not found.",
    "error.unexpected": "Something went wrong on our side. Please try again shortly: whatever already went through stays, and is not added twice.",
    "error.unknownPerson":
      "I don't know you yet. Ask your network coordinator to add your e-mail address and I will link your account automatically.",
    "error.noEmployer": "You are not linked to an employer. Ask your network coordinator to arrange this.",
    "field.required": "Please fill in this field.",
    "field.timeOf": "{label}: time",
    "field.tooLong": "This is too long (at most {max, plural, one {# character} other {# characters}}).",
    "field.notANumber": "Please enter a whole number.",
    "field.negative": "A count cannot be negative.",
    "field.tooLarge": "That number is implausibly large (at most {max, number}).",
    "field.invalid": "This value is not valid.",
    "field.year": "Choose a year from 2000 to 2100, for example Q3 2026.",
    "field.quarter": "A quarter is Q1, Q2, Q3 or Q4, for example Q3 2026.",
    "field.invalidDate": "Please enter a valid date and time.",
    "field.invalidUrl": "Please enter a valid link (https://…).",
  },
});
