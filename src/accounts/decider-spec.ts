import { fold, type Decider } from '../shared/decider';
import type { DomainEvent } from '../shared/messages';

/** given(events).when(command).then(events) / .thenThrows(code): emmett's decider specification. */
export function specFor<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) {
  return (given: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, fold(decider, given));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenThrows: (code: string) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toMatchObject({ code });
        },
        result: run,
      };
    },
  });
}
