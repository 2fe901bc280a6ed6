/**
 * The longest note or reason staff give with a decision (报名变更's 变更原因, a case's 处理理由):
 * it is recorded on the event and read by people, so it stays a paragraph, not a document.
 */
export const MAX_STAFF_NOTE_LENGTH = 500;
