import { initialProfileState } from '../../profile/profile.decider';
import { sectionVersion } from './profile-save-back';

describe('the version of a profile section a step 2 or 3 form shows', () => {
  const contact = { phone: '13800138000', email: 'a@example.cn', address: '北京市', postcode: '100010' };
  const state = { ...initialProfileState(), contact };

  it('stays while other parts of the candidate stream change (a photo, the other section)', () => {
    const photo = { sha256: 'c'.repeat(64), bytes: 1000, width: 300, height: 400 };
    const employment = {
      employer: { name: '某医院', inDirectory: false },
      department: '',
      position: '',
      title: '',
      startMonth: '',
    };
    expect(sectionVersion({ ...state, photo, employment }, 'contact')).toBe(sectionVersion(state, 'contact'));
  });

  it('moves when the section itself changes', () => {
    expect(sectionVersion({ ...state, contact: { ...contact, phone: '13900139000' } }, 'contact')).not.toBe(
      sectionVersion(state, 'contact'),
    );
    expect(sectionVersion(state, 'employment')).toBe(sectionVersion(initialProfileState(), 'employment'));
  });
});
