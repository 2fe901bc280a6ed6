import { streamCategory } from '../../shared/ids';
import type { AccountEvent } from '../../accounts/accounts.events';
import type { IdentityEvent } from '../../accounts/identity/identity.events';
import type { LoginAttemptEvent } from '../../accounts/login/login-attempts.events';
import type { UsernameEvent } from '../../accounts/username/username.events';
import type { EnrollmentEvent } from '../../enrollment/enrollment.events';
import type { SeatEvent } from '../../enrollment/seats/seat.events';
import type { ProfileEvent } from '../../profile/profile.events';
import type { AccountDecisionEvent } from '../../staff/account-decisions/account-decision.events';
import type { IdentityCaseDecision } from '../../staff/identity-cases/identity-case.events';
import type { AuditAccessEvent } from '../access/audit-access.events';
import type { CatalogEvent } from '../../catalog/catalog.events';
import type { DirectoryEvent } from '../../directory/directory.events';
import type { TicketBatchEvent } from '../../enrollment/tickets/ticket-batch.decider';
import type { AuditDigestRecorded } from '../../infrastructure/event-store/tamper/log-digest';
import type { StaffAccountEvent } from '../../staff-accounts/staff-accounts.events';

/** Every event a candidate's history can hold (CandidateLocator's streams), by type. */
type CandidateHistoryEventType = (
  | AccountEvent
  | ProfileEvent
  | UsernameEvent
  | IdentityEvent
  | IdentityCaseDecision
  | LoginAttemptEvent
  | AccountDecisionEvent
  | EnrollmentEvent
  | SeatEvent
  | AuditAccessEvent
)['type'];

/**
 * What each event means to staff, in Chinese. A Record over the union, so a new event type breaks
 * the build here rather than showing staff its English name.
 */
export const EVENT_LABELS: Record<CandidateHistoryEventType, string> = {
  CandidateRegistered: '注册账户',
  PasswordChanged: '修改密码',
  SecurityQuestionChanged: '修改密码查询问题',
  PasswordRecovered: '找回密码',
  RecoveryNoticeShown: '已告知找回密码',
  AccountSuspended: '账户被暂停',
  AccountReinstated: '账户恢复',
  ContactDetailsChanged: '修改联系方式',
  EmploymentChanged: '修改工作情况',
  EducationAdded: '添加教育经历',
  EducationChanged: '修改教育经历',
  EducationRemoved: '删除教育经历',
  TrainingAdded: '添加培训经历',
  TrainingChanged: '修改培训经历',
  TrainingRemoved: '删除培训经历',
  CertificateAdded: '添加证书',
  CertificateChanged: '修改证书',
  CertificateRemoved: '删除证书',
  PhotoUploaded: '上传证件照',
  UsernameReserved: '用户名被占用',
  UsernameConfirmed: '用户名注册完成',
  UsernameReleased: '用户名释放',
  UsernameReservationExpired: '未完成的用户名占用过期',
  UsernameRequestRefused: '用户名已被使用，申请被拒',
  IdentityClaimed: '证件被注册占用',
  IdentityClaimConfirmed: '注册完成',
  IdentityClaimReleased: '占用撤销',
  IdentityClaimExpired: '未完成的占用过期',
  DuplicateRegistrationAttempted: '重复注册尝试',
  IdentityReassigned: '工作人员改派证件',
  RegistrationCodeReissued: '工作人员重新发放注册码',
  RegistrationCodeRefused: '注册码错误',
  IdentityHolderSuspended: '工作人员暂停持有账户',
  IdentityCaseDismissed: '工作人员驳回',
  LoginSucceeded: '登录成功',
  LoginFailed: '登录失败',
  LoginLockedOut: '登录失败过多，暂时锁定',
  LoggedOut: '退出登录',
  ResetCodeIssued: '工作人员发放重置码',
  ResetCodeRedeemed: '使用重置码设置密码',
  ResetCodeRefused: '重置码错误',
  CandidateNoticeIssued: '工作人员发出通知',
  CandidateNoticesShown: '已告知工作人员通知',
  EnrollmentStarted: '开始报名（选择报考类别）',
  BasicInfoConfirmed: '核实基本情况',
  EmploymentConfirmed: '核实工作情况',
  QualificationsSelected: '选择教育经历和培训经历',
  CertificatesSelected: '选择证书情况',
  QualificationsDraftSaved: '保存教育经历和培训经历（未完成）',
  CertificatesDraftSaved: '保存证书情况（未完成）',
  ExamSiteChosen: '选择考区及考点',
  EnrollmentSubmitted: '提交报名',
  ExamSiteChanged: '修改考点',
  EnrollmentWithdrawn: '放弃报考',
  EnrollmentApproved: '审核通过',
  EnrollmentRejected: '审核不通过',
  AdmissionTicketIssued: '生成准考证号',
  SeatHeld: '占用考位',
  SeatHoldAdded: '占用考位',
  SeatHoldDropped: '释放考位',
  SeatReleased: '释放考位',
  SeatCapacitySet: '设置考点名额',
  CandidateRecordViewed: '审计人员查阅考生记录',
  StaffViewedCandidateRecord: '工作人员查阅考生报名',
};

/**
 * The events of no candidate's streams, named too: a verification report or an export may name any
 * event of the log, and an auditor reads Chinese (event-labels.spec checks every registered type).
 */
type OtherEventType = (
  CatalogEvent | DirectoryEvent | TicketBatchEvent | StaffAccountEvent | AuditDigestRecorded
)['type'];

const OTHER_LABELS: Record<OtherEventType, string> = {
  ExamSessionScheduled: '发布考试',
  SessionWindowsChanged: '修改报名及审核时间',
  CategoryOffered: '开设报考类别',
  CategoryChanged: '修改报考类别',
  CategoryWithdrawn: '停开报考类别',
  ExamAreaOpened: '开设考区',
  ExamSiteOpened: '开设考点',
  SiteCapacityChanged: '修改考点名额',
  ExamSiteClosed: '考点停止报名',
  ExamSiteReopened: '考点恢复报名',
  DirectoryEntriesImported: '导入名录',
  TicketsAllocated: '批量分配准考证号',
  StaffAccountCreated: '创建工作人员账户',
  StaffPasswordChanged: '工作人员修改密码',
  StaffAccountDisabled: '停用工作人员账户',
  StaffAccountEnabled: '恢复工作人员账户',
  AuditDigestRecorded: '记录日志签名摘要',
};

/**
 * 找回密码 records its checks with the login-attempt events, on a stream of its own: there they are
 * the identity check of a recovery, not a login (a login while suspended would be read into them).
 */
const RECOVERY_LABELS: Record<string, string> = {
  LoginSucceeded: '找回密码：身份核验通过',
  LoginFailed: '找回密码：身份核验未通过',
  LoginLockedOut: '找回密码失败过多，暂时锁定',
};

/** An event type not in the unions (an old one kept in the log) is shown as it is named. */
export function eventLabel(type: string, streamId = ''): string {
  if (streamCategory(streamId) === 'recoveryAttempts' && RECOVERY_LABELS[type]) return RECOVERY_LABELS[type];
  return (EVENT_LABELS as Record<string, string>)[type] ?? (OTHER_LABELS as Record<string, string>)[type] ?? type;
}
