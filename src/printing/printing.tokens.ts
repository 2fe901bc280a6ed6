/** The time printing decides by (the ticket's printing window, token expiry); tests fix it. */
export type PrintingClock = () => Date;
export const PRINTING_CLOCK = Symbol('PrintingClock');
