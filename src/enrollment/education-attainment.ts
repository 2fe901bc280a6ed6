import type { EducationSnapshot } from './enrollment.events';

/** 学历/学位 and 学习形式, as staff review them: 大学本科/学士 全日制. */
export function educationWithForm(entry: Pick<EducationSnapshot, 'degree' | 'academicDegree' | 'studyForm'>): string {
  return [educationAttainment(entry), entry.studyForm].filter(Boolean).join(' ');
}

/** 学历/学位 as the 报名表 heads its column: 大学本科/学士 (the level alone without a degree). */
export function educationAttainment(entry: Pick<EducationSnapshot, 'degree' | 'academicDegree'>): string {
  const degree = entry.academicDegree && entry.academicDegree !== '无' ? entry.academicDegree : '';
  return [entry.degree, degree].filter(Boolean).join('/');
}
