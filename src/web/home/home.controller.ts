import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../infrastructure/http/roles.decorator';
import { ExamSessionsQuery, type SessionSummary } from './exam-sessions.query';

@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly sessions: ExamSessionsQuery) {}

  @Get('/')
  @Public()
  @Render('home')
  async home(): Promise<{ title: string; sessions: SessionSummary[] }> {
    return { title: '首页', sessions: await this.sessions.upcoming() };
  }
}
