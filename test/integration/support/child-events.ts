/** The event type the child processes of the integration specs append. */
export const CHILD_EVENT = 'IntegrationChildAppended';
