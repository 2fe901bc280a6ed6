import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EnrollmentCopies } from '../../profile/web/enrollment-copies';
import { SubmittedCopies } from './submitted-copies.service';

/** Gives the 个人信息 page its answer after a save (see EnrollmentCopies). */
@Injectable()
export class AnswerProfilePage implements OnModuleInit {
  constructor(
    private readonly question: EnrollmentCopies,
    private readonly copies: SubmittedCopies,
  ) {}

  onModuleInit(): void {
    this.question.answerWith((candidateId) => this.copies.anyOutdated(candidateId));
  }
}
