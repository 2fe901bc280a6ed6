import pino from 'pino';
import type { ReadStore } from '../../infrastructure/read-store/read-store.port';
import { ExamSessionsQuery } from './exam-sessions.query';

const silent = pino({ level: 'silent' });
const windows = {
  registrationOpensAt: '2027-01-05T08:00:00+08:00',
  registrationClosesAt: '2027-01-31T17:00:00+08:00',
  withdrawalDeadline: '2027-01-31T17:00:00+08:00',
  ticketPrintingOpensAt: '2027-05-25T08:00:00+08:00',
  ticketPrintingClosesAt: '2027-06-12T17:00:00+08:00',
  examDates: ['2027-06-08', '2027-06-09'],
};

function storeWith(find: () => Promise<unknown[]>): ReadStore {
  return { collection: async () => ({ find }) } as unknown as ReadStore;
}

describe('ExamSessionsQuery', () => {
  it('summarises each scheduled session in Beijing time', async () => {
    const catalog = { session: { sessionCode: '2027', name: '2027年医师资格考试', year: 2027, windows } };
    const [summary] = await new ExamSessionsQuery(
      storeWith(async () => [catalog]),
      silent,
    ).upcoming();
    expect(summary.name).toBe('2027年医师资格考试');
    expect(summary.rows).toContainEqual({ key: '网上报名时间', value: '2027年1月5日 08:00 至 2027年1月31日 17:00' });
    expect(summary.rows).toContainEqual({ key: '考试日期', value: '2027年6月8日、2027年6月9日' });
    // Named as /exams and the admin page name it: 修改考点 closes then too.
    expect(summary.rows).toContainEqual({ key: '放弃报考、修改考点截止', value: '2027年1月31日 17:00' });
  });

  it('leaves the section out when the catalog is empty, not yet scheduled, or unreachable', async () => {
    expect(
      await new ExamSessionsQuery(
        storeWith(async () => []),
        silent,
      ).upcoming(),
    ).toEqual([]);
    expect(
      await new ExamSessionsQuery(
        storeWith(async () => [{ session: null }]),
        silent,
      ).upcoming(),
    ).toEqual([]);
    const down = storeWith(() => Promise.reject(new Error('read store down')));
    expect(await new ExamSessionsQuery(down, silent).upcoming()).toEqual([]);
  });
});
