// The events domain: what the chat layer, the scheduler and the dashboards may call.
export { createEvent, type CreatedEvent } from "./create-event.js";
export { updateEvent, type UpdatedEvent } from "./update-event.js";
export { cancelEvent } from "./cancel-event.js";
export { listUpcomingEvents, viewEvent, type EventView, type MyRsvp } from "./list-events.js";
export { respondToEvent, type RsvpOutcome } from "./rsvp.js";
export { attendeeList, type Attendee, type AttendeeList } from "./attendees.js";
export { attendeesSpreadsheet } from "./attendee-export.js";
export { eventCalendar, icsFor, type CalendarFile } from "./calendar.js";
export { enqueueEventReminders, noticeData } from "./notices.js";
export { parseEventDateTime, toLocalInput } from "./datetime.js";
export type { EventRow, RsvpCounts } from "./repository.js";
export { EVENT_KINDS, MAX_CAPACITY, type EventKindValue, type RsvpResponseValue } from "./schema.js";
export { removeAttendee, releasePlacesOf } from "./remove-attendee.js";
export { announcementCopies, forgetAnnouncement, rememberAnnouncement, type AnnouncementCopy, type CopySelection } from "./announcements.js";
export { inviteGuest, respondAsGuest, guestsOf, eraseExpiredGuests, GUEST_RETENTION_DAYS, type InvitedGuest, type GuestAttendee } from "./guests.js";
export { eventInvitation, invitationFor, type Invitation } from "./invitation.js";
export { eventFormChoices, type EventFormChoices } from "./form-choices.js";
