import { Injectable } from '@nestjs/common';

/**
 * Whether an enrollment the candidate submitted keeps a copy of 个人信息 that a save has made out
 * of date: the save notice then points to 考试报名, which says what to do. The enrollment slice
 * answers; it depends on this one, so it registers its answer here at start (as projections
 * register with the runner) rather than this page importing it.
 */
@Injectable()
export class EnrollmentCopies {
  private answer: (candidateId: string) => Promise<boolean> = () => Promise.resolve(false);

  answerWith(answer: (candidateId: string) => Promise<boolean>): void {
    this.answer = answer;
  }

  outdated(candidateId: string): Promise<boolean> {
    return this.answer(candidateId);
  }
}
