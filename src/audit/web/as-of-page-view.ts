import { chinaTime } from '../../accounts/web/form-page';
import type { Holder } from '../../accounts/reservation';
import { statusLabel } from '../../enrollment/enrollment-status-labels';
import type { EnrollmentState } from '../../enrollment/enrollment.state';
import type { AsOfComparison, CandidateSnapshot } from '../as-of/as-of.service';

/** The identity stream's holder, in the words of the event labels (证件被注册占用, 注册完成). */
export const HOLDER_STATUS_LABELS: Record<Holder['status'], string> = {
  free: '未被占用',
  pending: '注册占用中（尚未完成）',
  confirmed: '注册完成',
};

/** The as-of page: both snapshots in Chinese, with their instants in Beijing time. */
export function asOfPageView(comparison: AsOfComparison, instant: Date) {
  const atLabel = chinaTime(instant.toISOString());
  return {
    title: '历史状态',
    comparison,
    atLabel,
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

/** ，考点 <name>，<category>: names as the candidate chose them (the code only where no name was copied). */
export function enrollmentDetail(state: EnrollmentState): string {
  const site = state.site ? `，考点 ${state.site.siteName || state.site.siteCode}` : '';
  const category = state.category ? `，${state.category.name || state.category.code}` : '';
  return `${site}${category}`;
}
