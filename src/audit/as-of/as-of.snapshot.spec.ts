import type { RecordedEvent } from '../../shared/messages';
import type { CandidateStreams } from '../history/candidate-locator';
import { profileRows } from '../web/as-of-page-view';
import { snapshot } from './as-of.service';

const candidateId = 'c1';
const streams: CandidateStreams = {
  candidateId,
  username: 'lisi2027',
  identityStream: 'identity-resident-k1',
  own: [],
  shared: [],
  enrollmentIds: [],
  auditAccess: `auditAccess-${candidateId}`,
};

let position = 0n;
const recorded = (type: string, data: object, recordedAt: string): RecordedEvent => ({
  id: `e${position}`,
  streamId: `candidate-${candidateId}`,
  type,
  data,
  metadata: {
    messageId: `e${position}`,
    correlationId: 'k',
    causationId: 'k',
    actor: { id: candidateId, role: 'candidate' },
    occurredAt: recordedAt,
    schemaVersion: 1,
  },
  revision: position,
  position: position++,
  recordedAt,
});

const contact = (address: string) => ({ phone: '13800138000', email: '', address, postcode: '100000' });
const events = [
  recorded('CandidateRegistered', { candidateId, username: 'lisi2027', realName: '李四' }, '2026-11-01T00:00:00.000Z'),
  recorded('ContactDetailsChanged', contact('北京市东城区一号'), '2026-11-02T00:00:00.000Z'),
  recorded('PhotoUploaded', { sha256: 'ab'.repeat(32), bytes: 9000, width: 215, height: 300 }, '2026-11-03T00:00:00Z'),
  recorded('ContactDetailsChanged', contact('北京市海淀区二号'), '2026-11-04T00:00:00.000Z'),
];
const upTo = (at: string) =>
  snapshot(
    streams,
    events.filter((event) => event.recordedAt <= at),
    at,
  );

describe('as of an instant: the 个人信息 the candidate had then', () => {
  it('folds the profile up to the instant, as the profile slice folds it, the phone masked', () => {
    expect(upTo('2026-10-31T00:00:00.000Z').profile).toBeNull(); // not registered yet
    const between = upTo('2026-11-02T12:00:00.000Z').profile!;
    expect(between.contact).toEqual({ ...contact('北京市东城区一号'), phone: '138****8000' });
    expect(between.photo).toBeNull();
    const later = upTo('2026-11-05T00:00:00.000Z').profile!;
    expect(later.contact?.address).toBe('北京市海淀区二号');
    expect(later.photo).toMatchObject({ width: 215, height: 300 });
  });

  it('shows each section in Chinese on the page', () => {
    const rows = profileRows(upTo('2026-11-02T12:00:00.000Z').profile!);
    expect(Object.fromEntries(rows.map((row) => [row.key, row.value]))).toEqual({
      contact: '电话 138****8000，电子邮箱 未填写，通讯地址 北京市东城区一号（邮编 100000）',
      employment: '未填写',
      education: '无',
      training: '无',
      certificates: '无',
      photo: '未上传',
    });
    expect(profileRows(upTo('2026-11-05T00:00:00.000Z').profile!).find((row) => row.key === 'photo')?.value).toBe(
      `已上传（215×300，SHA-256 ${'ab'.repeat(6)}…）`,
    );
  });
});
