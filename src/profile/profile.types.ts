/** A name typed or chosen against the institution directory; `inDirectory: false` is flagged for staff review. */
export interface InstitutionRef {
  name: string;
  inDirectory: boolean;
}

/** 联系方式 */
export interface Contact {
  phone: string;
  email: string;
  address: string;
  postcode: string;
}

/** 工作情况. Months are `YYYY-MM`. */
export interface Employment {
  employer: InstitutionRef;
  department: string;
  position: string;
  /** 技术职务, e.g. 住院医师 */
  title: string;
  startMonth: string;
}

/** 教育经历: one entry; `id` keeps it identifiable across edits. */
export interface Education {
  id: string;
  school: InstitutionRef;
  major: string;
  /** 学历 */
  level: string;
  /** 学位 (may be 无) */
  degree: string;
  /** 学习形式 */
  studyForm: string;
  from: string;
  to: string;
}

/** 培训经历, e.g. 规范化培训, 试用期. */
export interface Training {
  id: string;
  kind: string;
  institution: string;
  from: string;
  to: string;
}

/** 证书情况 */
export interface Certificate {
  id: string;
  kind: string;
  number: string;
  /** YYYY-MM */
  issuedOn: string;
  issuer: string;
}

/** Everything the 个人信息 page submits at once. */
export interface ProfileInput {
  contact: Contact;
  employment: Employment;
  education: Education[];
  training: Training[];
  certificates: Certificate[];
}

export const EDUCATION_LEVELS = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专', '其他'] as const;
export const DEGREES = ['博士', '硕士', '学士', '无'] as const;
export const STUDY_FORMS = ['全日制', '非全日制', '成人教育', '自学考试', '网络教育'] as const;
export const TRAINING_KINDS = ['规范化培训', '试用期', '进修', '助理全科医生培训', '其他'] as const;
export const CERTIFICATE_KINDS = ['医师资格证书', '医师执业证书', '护士执业证书', '专业技术资格证书', '其他'] as const;
export const MAX_ENTRIES = 10;
