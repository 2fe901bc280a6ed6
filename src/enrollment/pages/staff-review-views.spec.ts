import { initialEnrollmentState } from '../enrollment.state';
import { basicInfoFixture } from '../testing/basic-info.fixture';
import { staffPhotoView, staffReviewRows } from './staff-review-views';

describe('the form staff review', () => {
  const state = { ...initialEnrollmentState(), basicInfo: basicInfoFixture };
  const row = (key: string, fullIdNumber?: string) =>
    staffReviewRows(state, '北京市 东城区考点', fullIdNumber).find((shown) => shown.key === key)?.value;

  it('shows the holder’s full ID number, to compare with the ID card, and the phone as submitted (masked)', () => {
    expect(row('证件', '110101199001010011')).toBe('居民身份证 110101199001010011');
    expect(row('联系电话', '110101199001010011')).toBe('138****8000');
  });
  it('shows the masked copy when no full number is given', () => {
    expect(row('证件')).toBe('居民身份证 1101**********0011');
  });

  it('marks an employer and schools not in the directory for staff to check, each school once', () => {
    const school = (name: string) => ({
      id: name,
      school: name,
      major: '临床医学',
      degree: '大学本科',
      from: '2010-09',
      to: '2015-07',
    });
    const filled = {
      ...state,
      employment: { status: '在职', employer: '某某社区卫生服务站' },
      qualifications: { education: [school('北京大学'), school('某某卫校'), school('某某卫校')], training: [] },
    };
    const listed = (_kind: string, name: string) => name === '北京大学';
    const notes = (rows: ReturnType<typeof staffReviewRows>) =>
      Object.fromEntries(rows.filter((shown) => shown.note).map((shown) => [shown.key, shown.note]));
    expect(notes(staffReviewRows(filled, '', undefined, listed))).toEqual({
      工作单位: '“某某社区卫生服务站”不在系统名录中，请核实',
      教育经历: '“某某卫校”不在系统名录中，请核实',
    });
    expect(notes(staffReviewRows(filled, '', undefined, () => true))).toEqual({});
  });
});

describe('the 证件照 staff review', () => {
  const [submitted, current] = ['a'.repeat(64), 'b'.repeat(64)];
  it('is the photo the submission recorded, not one uploaded since', () => {
    expect(staffPhotoView(submitted, current)).toEqual({
      sha256: submitted,
      caption: '提交报名时的证件照',
    });
  });
  it('says a rejected candidate has uploaded another photo, not yet resubmitted', () => {
    expect(staffPhotoView(submitted, current, true)).toEqual({
      sha256: submitted,
      caption: '提交报名时的证件照（考生此后上传了新照片，尚未重新提交）',
    });
    expect(staffPhotoView(submitted, submitted, true).caption).toBe('提交报名时的证件照');
    expect(staffPhotoView(null, current, true).caption).toBe(
      '考生提交报名时尚未上传证件照（此后已上传，尚未重新提交）',
    );
  });
  it('says the candidate submitted without a photo, rather than showing a later one', () => {
    expect(staffPhotoView(null, current)).toEqual({ sha256: null, caption: '考生提交报名时尚未上传证件照' });
  });
  it('shows the current photo, said to be so, for a submission from before photos were recorded', () => {
    expect(staffPhotoView(undefined, current)).toEqual({
      sha256: current,
      caption: '此次提交未记录照片，以下为考生当前的证件照',
    });
    expect(staffPhotoView(undefined, null)).toEqual({ sha256: null, caption: '考生尚未上传证件照' });
  });
});
