import { fold, type Decider } from '../shared/decider';
import type { DomainEvent } from '../shared/messages';

/**
 * given(events).when(command).then(events) / .thenThrows(code), as in emmett's DeciderSpecification.
 * Used by the catalog and enrollment decider specs.
 */
export function deciderSpecification<S, C, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return (given: E[] = []) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, fold(decider, given));
      return {
        then: (expected: E[]) => expect(run()).toEqual(expected),
        thenMatches: (check: (events: E[]) => void) => check(run()),
        thenNothingHappens: () => expect(run()).toEqual([]),
        /** `message`: a part the Chinese message must contain, where what it names matters. */
        thenThrows: (code: string, message?: string) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeDefined();
          expect((thrown as { code?: string }).code).toBe(code);
          if (message !== undefined) expect((thrown as { message?: string }).message).toContain(message);
        },
      };
    },
  });
}
