import { staffPhotoView } from './staff-review-views';

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
