import type { Holder } from '../../accounts/reservation';
import { statusLabel } from '../../enrollment/enrollment-status-labels';
import type { EnrollmentState } from '../../enrollment/enrollment.state';
import type { ProfileState } from '../../profile/profile.decider';
import type { AsOfComparison, CandidateSnapshot } from '../as-of/as-of.service';
import { beijingInstant } from '../history/entry-description';
import type { VerifyReport } from '../../infrastructure/event-store/tamper/chain-problem';
import { integrityProblem } from './history-page-view';

const chinaTime = (iso: string) => `${beijingInstant(iso)}（北京时间）`;

/** The identity stream's holder, in the words of the event labels (证件被注册占用, 注册完成). */
export const HOLDER_STATUS_LABELS: Record<Holder['status'], string> = {
  free: '未被占用',
  pending: '注册占用中（尚未完成）',
  confirmed: '注册完成',
};

/** The as-of page: both snapshots in Chinese, with their instants in Beijing time. */
export function asOfPageView(comparison: AsOfComparison, instant: Date, integrity?: VerifyReport) {
  const atLabel = chinaTime(instant.toISOString());
  return {
    title: '历史状态',
    comparison,
    atLabel,
    // Rebuilt from the same records the history shows: a changed one is said here too.
    integrityProblem: integrityProblem(integrity),
    columns: [
      { key: 'asOf', heading: `当时（${atLabel}）`, snapshot: snapshotView(comparison.asOf, comparison.username) },
      { key: 'today', heading: '现在', snapshot: snapshotView(comparison.today, comparison.username) },
    ],
  };
}

function snapshotView(snapshot: CandidateSnapshot, username: string) {
  return {
    ...snapshot,
    at: chinaTime(snapshot.at),
    identityHolderText: holderText(snapshot.identityHolder as unknown as Holder, username),
    profileRows: snapshot.profile ? profileRows(snapshot.profile) : [],
    enrollments: snapshot.enrollments.map(({ enrollmentId, state }) => ({
      enrollmentId,
      statusText: statusLabel(state.status),
      detailText: enrollmentDetail(state),
    })),
  };
}

/** Who holds the ID number then: after a reassignment it may be another account, so that one is named. */
export function holderText(holder: Holder, username: string): string {
  const label = HOLDER_STATUS_LABELS[holder.status] ?? holder.status;
  return holder.status !== 'free' && holder.username !== username ? `${label}（持有人 ${holder.username}）` : label;
}

/**
 * ，考点 <name>，<category>: names as the candidate chose them (the code only where no name was
 * copied); then the review's outcome with its reason and staff member, and the 准考证号, as they stood.
 */
export function enrollmentDetail(state: EnrollmentState): string {
  const site = state.site ? `，考点 ${state.site.siteName || state.site.siteCode}` : '';
  const category = state.category ? `，${state.category.name || state.category.code}` : '';
  // A withdrawal keeps the decision and ticket in the state, but voids them: said so, not shown as standing.
  const voided = state.status === 'withdrawn' ? '（已随放弃报考作废）' : '';
  const decision = state.decision
    ? `，${state.decision.outcome === 'approved' ? '审核通过' : '审核不通过'}：${state.decision.reason || '未填写理由'}（工作人员 ${state.decision.staffId}）${voided}`
    : '';
  const ticket = state.ticket ? `，准考证号 ${state.ticket.ticketNumber}${voided}` : '';
  return `${site}${category}${decision}${ticket}`;
}

const months = (from: string, to: string) => `${from}至${to || '今'}`;

/** 个人信息 as it stood: one row a section, entries joined; an empty section says 无 or 未填写. */
export function profileRows(profile: ProfileState): Array<{ key: string; label: string; value: string }> {
  const { contact, employment, photo } = profile;
  const list = (items: string[]) => (items.length > 0 ? items.join('；') : '无');
  return [
    {
      key: 'contact',
      label: '联系方式',
      value: contact
        ? `电话 ${contact.phone}，电子邮箱 ${contact.email || '未填写'}，通讯地址 ${contact.address}（邮编 ${contact.postcode}）`
        : '未填写',
    },
    {
      key: 'employment',
      label: '工作情况',
      value: employment
        ? `${employment.employer.name}${employment.employer.inDirectory ? '' : '（不在名录中）'}，${employment.department}，${employment.position}，${employment.title}，${employment.startMonth}起`
        : '未填写',
    },
    {
      key: 'education',
      label: '教育经历',
      value: list(
        profile.education.map(
          (e) => `${e.school.name} ${e.major} ${e.level}/${e.degree} ${e.studyForm} ${months(e.from, e.to)}`,
        ),
      ),
    },
    {
      key: 'training',
      label: '培训经历',
      value: list(profile.training.map((t) => `${t.kind} ${t.institution} ${months(t.from, t.to)}`)),
    },
    {
      key: 'certificates',
      label: '证书情况',
      value: list(profile.certificates.map((c) => `${c.kind} ${c.number} ${c.issuedOn} ${c.issuer}`)),
    },
    {
      key: 'photo',
      label: '证件照',
      value: photo ? `已上传（${photo.width}×${photo.height}，SHA-256 ${photo.sha256.slice(0, 12)}…）` : '未上传',
    },
  ];
}
