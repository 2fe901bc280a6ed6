import type { EventStore } from '../../infrastructure/event-store/event-store.port';
import { ValidationError } from '../../shared/errors';
import { evolveProfile, initialProfileState, type CandidateStreamEvent } from '../../profile/profile.decider';
import type { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import type { ProjectionRunner } from '../../infrastructure/projections/projection-runner';
import type { DirectoryCatalog } from '../../directory/directory-catalog.service';
import type { AppConfig } from '../../config/app-config';
import { ProfileCommands } from '../../profile/profile-commands.service';
import { ProfileSaveBack, sectionVersion } from './profile-save-back';

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

describe('保存 on step 2 with the version of a section edited since', () => {
  const shown = { phone: '13800138000', email: 'a@example.cn', address: '北京市', postcode: '100010' };
  const now = { ...shown, phone: '13900139000' };
  const stream = [{ type: 'ContactDetailsChanged', data: now, revision: 0n }] as unknown as CandidateStreamEvent[];
  const store = { readStream: () => Promise.resolve(stream) } as unknown as EventStore;
  // The profile slice's own commands, over this stream: they say whether a form is what is stored.
  const handler = {
    load: () => Promise.resolve({ state: stream.reduce(evolveProfile, initialProfileState()), revision: 0n }),
    handle: () => Promise.reject(new Error('nothing is written on a conflict')),
  } as unknown as EventSourcedHandler;
  const directory = { findExact: () => undefined } as unknown as DirectoryCatalog;
  const commands = new ProfileCommands(handler, {} as ProjectionRunner, directory, {} as AppConfig);
  const context = { actor: { id: 'c1', role: 'candidate' as const }, correlationId: 'k', now: new Date() };
  const seen = sectionVersion({ ...initialProfileState(), contact: shown }, 'contact');

  it('is a conflict of its own code, not 提交’s PROFILE_CHANGED', async () => {
    const save = new ProfileSaveBack(store, commands).save(
      'c1',
      { contact: { ...shown, email: 'b@example.cn' } },
      context,
      seen,
    );
    await expect(save).rejects.toMatchObject({ code: 'PROFILE_EDITED_ELSEWHERE', httpStatus: 409 });
  });

  it('is no conflict when the edit since is exactly this one (a double click)', async () => {
    await expect(new ProfileSaveBack(store, commands).save('c1', { contact: now }, context, seen)).resolves.toBe(false);
  });

  it('compares the form as the profile would store it (a phone typed in groups is the phone saved)', async () => {
    const typed = { ...now, phone: '139 0013 9000' };
    await expect(new ProfileSaveBack(store, commands).save('c1', { contact: typed }, context, seen)).resolves.toBe(
      false,
    );
  });
});

describe('保存 on step 2 for a profile incomplete elsewhere', () => {
  const store = { readStream: () => Promise.resolve([]) } as unknown as EventStore;
  const context = { actor: { id: 'c1', role: 'candidate' as const }, correlationId: 'k', now: new Date() };
  const refusing = {
    updateProfile: () =>
      Promise.reject(
        new ValidationError([
          { field: 'contact.phone', code: 'PHONE_FORMAT', message: '手机号码格式不正确' },
          { field: 'employment.employer', code: 'REQUIRED', message: '请填写工作单位' },
          { field: 'education.0.school', code: 'REQUIRED', message: '请填写学校' },
        ]),
      ),
  } as unknown as ProfileCommands;
  const contact = { phone: '123', email: '', address: '北京市', postcode: '' };

  it('keeps this step’s own field errors and names the other parts once, with where to fill them in', async () => {
    const save = new ProfileSaveBack(store, refusing).save('c1', { contact }, context);
    await expect(save).rejects.toMatchObject({
      fields: [
        { field: 'contact.phone', code: 'PHONE_FORMAT' },
        {
          field: 'main-content',
          code: 'PROFILE_INCOMPLETE',
          message: '个人信息中的工作情况、教育经历尚未填写完整，请先到“个人信息”页面补充，再回到本步骤保存',
        },
      ],
    });
  });
});
