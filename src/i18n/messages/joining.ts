import { defineMessages } from "../define.js";

// Strangers: an unbound workspace, and someone unknown in a bound one who asks to join.
export const joining = defineMessages({
  nl: {
    "joining.unbound":
      "Hallo! Ik ben Netwerkbot, de bot van netwerken van inclusieve werkgevers. Deze werkruimte is niet aan een netwerk gekoppeld, dus hier kan ik niets voor je doen. Hoort je organisatie bij zo'n netwerk? Vraag de netwerkcoördinator dan om deze werkruimte te laten koppelen.",
  },
  en: {
    "joining.unbound":
      "Hello! I am Netwerkbot, the bot of networks of inclusive employers. This workspace is not linked to a network, so there is nothing I can do for you here. Does your organisation belong to such a network? Then ask the network coordinator to have this workspace linked.",
  },
});
