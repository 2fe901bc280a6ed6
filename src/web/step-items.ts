export interface Step {
  label: string;
  /** Where a finished step can be revisited; omitted when it cannot. */
  href?: string;
}

export interface StepItem extends Step {
  number: number;
  state: 'done' | 'current' | 'upcoming';
  stateText: string;
  isCurrent: boolean;
  /** Only finished steps link back: the journey cannot skip ahead. */
  link: boolean;
}

const STATE_TEXT = { done: '（已完成）', current: '（当前步骤）', upcoming: '（未开始）' } as const;

/** The step indicator's items; `current` is 1-based. */
export function stepItems(steps: unknown, current: number): StepItem[] {
  if (!Array.isArray(steps)) return [];
  return (steps as Step[]).map((step, index) => {
    const number = index + 1;
    const state = number < current ? 'done' : number === current ? 'current' : 'upcoming';
    return {
      ...step,
      number,
      state,
      stateText: STATE_TEXT[state],
      isCurrent: state === 'current',
      link: state === 'done' && Boolean(step.href),
    };
  });
}
