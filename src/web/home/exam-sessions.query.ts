import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../../infrastructure/http/app-logger';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import type { CatalogState } from '../../catalog/catalog.state';

/** The exam-catalog read model's collection (projections/exam-catalog). */
const EXAM_CATALOG_COLLECTION = 'exam-catalog';

export interface SessionSummary {
  name: string;
  rows: Array<{ key: string; value: string }>;
}

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const date = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

const formatInstant = (iso: string): string => dateTime.format(new Date(iso));
const formatDay = (day: string): string => date.format(new Date(`${day}T00:00:00+08:00`));

/**
 * The home page's "考试安排". Reads the catalog read model; when it is empty, missing or its store
 * is down, the page simply leaves the section out.
 */
@Injectable()
export class ExamSessionsQuery {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async upcoming(): Promise<SessionSummary[]> {
    try {
      const catalogs = await (
        await this.readStore.collection<CatalogState & Record<string, unknown>>(EXAM_CATALOG_COLLECTION)
      ).find({
        limit: 5,
      });
      return catalogs.flatMap((catalog) => (catalog.session ? [summarise(catalog.session)] : []));
    } catch (err) {
      this.logger.warn({ err }, 'exam sessions unavailable for the home page');
      return [];
    }
  }
}

function summarise(session: NonNullable<CatalogState['session']>): SessionSummary {
  const { windows } = session;
  return {
    name: session.name,
    rows: [
      {
        key: '网上报名时间',
        value: `${formatInstant(windows.registrationOpensAt)} 至 ${formatInstant(windows.registrationClosesAt)}`,
      },
      // As /exams and the admin page name it: 修改考点 closes then too.
      { key: '放弃报考、修改考点截止', value: formatInstant(windows.withdrawalDeadline) },
      {
        key: '准考证打印时间',
        value: `${formatInstant(windows.ticketPrintingOpensAt)} 至 ${formatInstant(windows.ticketPrintingClosesAt)}`,
      },
      { key: '考试日期', value: windows.examDates.map(formatDay).join('、') },
    ],
  };
}
