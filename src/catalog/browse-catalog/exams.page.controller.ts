import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../infrastructure/http/roles.decorator';
import { CatalogQueries, type CatalogView } from '../catalog-queries';
import { formatBeijingTime, formatDay } from './catalog-dates';

/** The rows of a session's dates, for the summary-list partial. */
export function sessionDateRows(view: CatalogView): Array<{ key: string; value: string }> {
  const w = view.session.windows;
  return [
    {
      key: '网上报名',
      value: `${formatBeijingTime(w.registrationOpensAt)} 至 ${formatBeijingTime(w.registrationClosesAt)}`,
    },
    { key: '放弃报考、修改考点截止', value: formatBeijingTime(w.withdrawalDeadline) },
    {
      key: '准考证打印',
      value: `${formatBeijingTime(w.ticketPrintingOpensAt)} 至 ${formatBeijingTime(w.ticketPrintingClosesAt)}`,
    },
    { key: '考试日期', value: w.examDates.map(formatDay).join('、') },
  ];
}

/** 考试安排: every session with its dates, categories and areas (public). */
@ApiExcludeController()
@Public()
@Controller('exams')
export class ExamsPageController {
  constructor(private readonly queries: CatalogQueries) {}

  @Get()
  @Render('enrollment/exams')
  async list() {
    const sessions = await this.queries.listSessions();
    return {
      title: '考试安排',
      sessions: sessions.map((view) => ({
        name: view.session.name,
        rows: sessionDateRows(view),
        categories: view.categories.filter((category) => category.offered),
        areas: view.areas.map((area) => ({ ...area, siteCount: area.sites.filter((site) => site.open).length })),
      })),
    };
  }
}
