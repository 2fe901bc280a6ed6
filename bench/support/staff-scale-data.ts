/**
 * node dist/bench/support/staff-scale-data.js <DATA_DIR> <catalog.json> [enrollments] [approved share]
 *
 * Writes a national exam's submitted enrollments into an app's DATA_DIR (started once before, so
 * that its secrets, catalog and accounts exist; stopped while this runs): for each candidate the
 * enrollment stream a journey through steps 1–6 and 提交 writes (the events the decider emits), the
 * seat on its site's stream, and for a share of them the staff approval. The events go through the
 * hash-chaining store with the DATA_DIR's own chain key, so the app verifies and projects them as
 * its own at its next start. A quarter of the enrollments are in area 11 (北京市): an area's staff
 * then see about 50,000 rows of 200,000. Names are drawn from common surnames and given names, so
 * sorting by 姓名 sorts real names. Used for the staff-side walk at scale (README Benchmarks).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '../../src/enrollment/enrollment.events';
import '../../src/enrollment/seats/seat.events';
import { enrollmentStream } from '../../src/enrollment/enrollment.events';
import { siteStream } from '../../src/enrollment/seats/seat.events';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ChainingEventStore } from '../../src/infrastructure/event-store/tamper/chaining-event-store';
import type { Actor, NewEvent } from '../../src/shared/messages';

interface CatalogFile {
  session: { code: string };
  categories: Array<{ code: string; name: string; level: string }>;
  areas: Array<{ code: string; name: string; sites: Array<{ code: string; name: string }> }>;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

const pick = (text: string, n: number) => [...text][n % [...text].length];

function metadata(actor: Actor, at: Date, correlationId: string): NewEvent['metadata'] {
  const messageId = randomUUID();
  return {
    messageId,
    correlationId,
    causationId: correlationId,
    actor,
    occurredAt: at.toISOString(),
    ip: '203.0.113.9',
    schemaVersion: 1,
  };
}

function event(type: string, data: unknown, actor: Actor, at: Date, correlationId: string): NewEvent {
  const meta = metadata(actor, at, correlationId);
  return { id: meta.messageId, type, data: data as NewEvent['data'], metadata: meta };
}

async function main(): Promise<void> {
  const [dataDir, catalogFile, countArg, approvedArg] = process.argv.slice(2);
  const count = Number(countArg ?? 200_000);
  const approvedShare = Number(approvedArg ?? 0.6);
  const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as CatalogFile;
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { auditChainKey: string };
  const inner = new SqliteEventStore({
    file: join(dataDir, 'events.sqlite'),
    serializer: new EventSerializer(eventRegistry),
  });
  const store = new ChainingEventStore(inner, secrets.auditChainKey);
  const session = catalog.session.code;
  const beijing = catalog.areas.find((area) => area.code === '11')!;
  const others = catalog.areas
    .filter((area) => area.code !== '11')
    .flatMap((area) => area.sites.map((site) => ({ area, site })));
  const beijingSites = beijing.sites.map((site) => ({ area: beijing, site }));
  // Most candidates take the first categories (临床, 口腔, 公卫, 中医), as in a real exam.
  const categoryWeights = catalog.categories.map((_, i) => (i < 4 ? 8 : 1));
  const weightTotal = categoryWeights.reduce((a, b) => a + b, 0);
  const categoryOf = (n: number) => {
    let r = (n * 7919) % weightTotal;
    for (let i = 0; i < categoryWeights.length; i++) if ((r -= categoryWeights[i]) < 0) return catalog.categories[i];
    return catalog.categories[0];
  };
  const started = Date.now();
  const firstSubmission = Date.parse('2026-11-15T01:00:00Z');
  const staff: Actor = { id: 'kaowu_bj', role: 'staff' };
  const seats = new Map<string, { revision: bigint; pending: NewEvent[] }>();
  const flushSeats = async () => {
    for (const [stream, ledger] of seats) {
      if (ledger.pending.length === 0) continue;
      const result = await store.append(stream, ledger.pending, 'any');
      ledger.revision = result.nextRevision;
      ledger.pending = [];
    }
  };
  let pending: Promise<unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const candidateId = randomUUID();
    const actor: Actor = { id: candidateId, role: 'candidate' };
    const { area, site } = n % 4 === 0 ? beijingSites[(n >> 2) % beijingSites.length] : others[n % others.length];
    const category = categoryOf(n);
    const at = new Date(firstSubmission + n * 6_000);
    const correlationId = randomUUID();
    const fullName = `${pick(SURNAMES, n * 31 + 7)}${pick(GIVEN, n * 13)}${n % 3 === 0 ? '' : pick(GIVEN, n * 17 + 5)}`;
    const choice = { areaCode: area.code, areaName: area.name, siteCode: site.code, siteName: site.name };
    const holdId = randomUUID();
    const events = [
      event(
        'EnrollmentStarted',
        {
          sessionCode: session,
          candidateId,
          attempt: 1,
          pledgeVersion: 'v1',
          categoryCode: category.code,
          categoryName: category.name,
          level: category.level,
        },
        actor,
        at,
        correlationId,
      ),
      event(
        'BasicInfoConfirmed',
        {
          basicInfo: {
            fullName,
            gender: n % 2 ? '男' : '女',
            birthDate: '1995-03-01',
            idType: '居民身份证',
            idNumberMasked: `${area.code}0***********${String(n % 10000).padStart(4, '0')}`,
            phoneMasked: '138****8000',
            email: `c${n}@example.cn`,
            address: '示例路1号',
            postcode: '100000',
          },
        },
        actor,
        at,
        correlationId,
      ),
      event(
        'EmploymentConfirmed',
        {
          employment: {
            status: '在职',
            employer: '北京协和医院',
            department: '内科',
            position: '住院医师',
            since: '2020-08',
          },
        },
        actor,
        at,
        correlationId,
      ),
      event(
        'QualificationsSelected',
        {
          education: [
            {
              id: 'edu-1',
              school: '首都医科大学',
              major: '临床医学',
              degree: '大学本科',
              academicDegree: '学士',
              studyForm: '全日制',
              from: '2014-09',
              to: '2019-07',
            },
          ],
          training: [{ id: 'tr-1', kind: '试用期', institution: '北京协和医院', from: '2019-08', to: '2020-08' }],
        },
        actor,
        at,
        correlationId,
      ),
      event('CertificatesSelected', { certificates: [] }, actor, at, correlationId),
      event('ExamSiteChosen', choice, actor, at, correlationId),
      event(
        'EnrollmentSubmitted',
        { ...choice, attempt: 1, photoSha256: null, seatHoldId: holdId },
        actor,
        at,
        correlationId,
      ),
    ];
    if (n % 100 < approvedShare * 100)
      events.push(
        event(
          'EnrollmentApproved',
          { staffId: staff.id, reason: '' },
          staff,
          new Date(at.getTime() + 60_000),
          randomUUID(),
        ),
      );
    pending.push(store.append(enrollmentStream(session, candidateId), events, 'no_stream'));
    const ledgerStream = siteStream(session, site.code);
    const ledger = seats.get(ledgerStream) ?? { revision: -1n, pending: [] };
    ledger.pending.push(
      event(
        'SeatHeld',
        { sessionCode: session, siteCode: site.code, enrollmentId: `${session}_${candidateId}`, holdId },
        actor,
        at,
        correlationId,
      ),
    );
    seats.set(ledgerStream, ledger);
    if (pending.length >= 500) {
      await Promise.all(pending);
      pending = [];
      await flushSeats();
      if ((n + 1) % 20_000 === 0) console.log(`${n + 1} enrollments, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  await Promise.all(pending);
  await flushSeats();
  await inner.close();
  console.log(`${count} enrollments written in ${Math.round((Date.now() - started) / 1000)} s`);
}

void main();
