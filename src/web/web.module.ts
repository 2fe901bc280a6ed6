import { Module } from '@nestjs/common';
import { CsrfController } from '../infrastructure/http/csrf.controller';
import { HttpShellModule } from '../infrastructure/http/http-shell.module';
import { ExamSessionsQuery } from './home/exam-sessions.query';
import { HomeController } from './home/home.controller';

/** The home page and the shell's own endpoints; the layout and partials live in templates/. */
@Module({
  imports: [HttpShellModule],
  controllers: [HomeController, CsrfController],
  providers: [ExamSessionsQuery],
})
export class WebModule {}
