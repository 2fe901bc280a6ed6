export interface Step {
  label: string;
  /** Where the step can be revisited; omitted when it cannot. */
  href?: string;
  /** Whether it is finished; left out, the steps before the current one are. */
  done?: boolean;
  /** Saved with 保存 but not finished: neither done nor untouched. */
  saved?: boolean;
}

export interface StepItem extends Step {
  number: number;
  state: 'done' | 'current' | 'saved' | 'upcoming';
  stateText: string;
  isCurrent: boolean;
  /**
   * Finished steps link back, and earlier ones left unfinished, and a saved one (it is where the
   * journey resumes): the journey cannot skip ahead.
   */
  link: boolean;
}

const STATE_TEXT = {
  done: '（已完成）',
  current: '（当前步骤）',
  saved: '（已保存，未完成）',
  upcoming: '（未开始）',
} as const;

/** The step indicator's items; `current` is 1-based. */
export function stepItems(steps: unknown, current: number): StepItem[] {
  if (!Array.isArray(steps)) return [];
  return (steps as Step[]).map((step, index) => {
    const number = index + 1;
    const state =
      number === current ? 'current' : (step.done ?? number < current) ? 'done' : step.saved ? 'saved' : 'upcoming';
    return {
      ...step,
      number,
      state,
      stateText: STATE_TEXT[state],
      isCurrent: state === 'current',
      link: state !== 'current' && (state === 'done' || state === 'saved' || number < current) && Boolean(step.href),
    };
  });
}
