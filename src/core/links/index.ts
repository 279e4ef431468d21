// Personal links: what the e-mail channel and the web forms may call.
export { issueReportLink, issueRsvpLinks, issueUnsubscribeLink, MAX_LINKS_PER_PURPOSE, type IssuedLink, type IssuedRsvpLinks } from "./issue-links.js";
export { verifyLink, type VerifiedLink } from "./verify-link.js";
export { revokeLinks, withdrawUnsentLink, eraseLinksOf, purgeDeadLinks, KEEP_DEAD_LINKS_DAYS } from "./revoke-links.js";
export { reportLinkForm, submitReportByLink, type ReportLinkForm, type ReportByLink } from "./report-link.js";
export { rsvpLinkPage, respondByLink, type RsvpLinkPage } from "./rsvp-link.js";
export { linkPath, unsubscribePath, RSVP_ANSWERS, type RsvpAnswerWord } from "./tokens.js";
export { rsvpAnswerWord } from "./schema.js";
export { reportLinkForMail, rsvpLinksForMail, unsubscribeLinkForMail } from "./mail-links.js";
export { unsubscribePage, unsubscribeByLink, type UnsubscribePage } from "./unsubscribe.js";
