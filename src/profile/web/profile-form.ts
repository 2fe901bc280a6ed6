import { maskIdNumber } from '../../accounts/security/identity-key';
import type { DirectoryCatalog } from '../../directory/directory-catalog.service';
import type { CandidateView } from '../../../projections/candidate-view/candidate-view.types';
import {
  CERTIFICATE_KINDS,
  DEGREES,
  EDUCATION_LEVELS,
  MAX_ENTRIES,
  type ProfileInput,
  STUDY_FORMS,
  TRAINING_KINDS,
} from '../profile.types';

/** The form's values: every field a string, institutions by name (what the inputs show). */
export function formValuesOf(input: ProfileInput) {
  return {
    contact: input.contact,
    employment: { ...input.employment, employer: input.employment.employer.name },
    education: input.education.map((entry) => ({ ...entry, school: entry.school.name })),
    training: input.training,
    certificates: input.certificates,
  };
}

export type ProfileFormValues = ReturnType<typeof formValuesOf>;

export function formValuesFromView(view: CandidateView): ProfileFormValues {
  return formValuesOf({
    contact: view.contact ?? { phone: view.mobile, email: view.email, address: '', postcode: '' },
    employment: view.employment ?? {
      employer: { name: '', inDirectory: false },
      department: '',
      position: '',
      title: '',
      startMonth: '',
    },
    education: view.education,
    training: view.training,
    certificates: view.certificates,
  });
}

export type FormAction =
  | { kind: 'save' }
  | { kind: 'add'; list: 'education' | 'training' | 'certificates' }
  | { kind: 'remove'; list: 'education' | 'training' | 'certificates'; index: number };

/** The button pressed: 提交, or a + / − that works without scripts by showing the form again. */
export function parseAction(value: unknown): FormAction {
  const action = typeof value === 'string' ? value : 'save';
  const add = /^add-(education|training|certificates)$/.exec(action);
  if (add) return { kind: 'add', list: add[1] as 'education' };
  const remove = /^remove-(education|training|certificates)-(\d{1,2})$/.exec(action);
  if (remove) return { kind: 'remove', list: remove[1] as 'education', index: Number(remove[2]) };
  return { kind: 'save' };
}

const BLANK = {
  education: { id: '', school: '', major: '', level: '', degree: '', studyForm: '', from: '', to: '' },
  training: { id: '', kind: '', institution: '', from: '', to: '' },
  certificates: { id: '', kind: '', number: '', issuedOn: '', issuer: '' },
};

export function applyRowAction(values: ProfileFormValues, action: FormAction): ProfileFormValues {
  if (action.kind === 'add' && values[action.list].length < MAX_ENTRIES)
    return { ...values, [action.list]: [...values[action.list], { ...BLANK[action.list] }] };
  if (action.kind === 'remove')
    return { ...values, [action.list]: values[action.list].filter((_, i: number) => i !== action.index) };
  return values;
}

type DirectoryState = 'recognised' | 'unknown' | undefined;

/**
 * A directory field as a form shows it: grey when the name is the directory's, yellow when typed
 * and not found; the combobox script treats a value with a code as chosen from the list until edited.
 */
export function directoryField(
  catalog: DirectoryCatalog,
  kind: 'employer' | 'school',
  name: string,
): { state: DirectoryState; code: string } {
  if (name === '') return { state: undefined, code: '' };
  return catalog.findExact(kind, name) ? { state: 'recognised', code: name } : { state: 'unknown', code: '' };
}

const options = (items: readonly string[]) => items.map((item) => ({ value: item, label: item }));

/** The employer combobox's state and code (the profile page and enrollment step 3). */
export function employerLocals(catalog: DirectoryCatalog, employer: string) {
  const field = directoryField(catalog, 'employer', employer);
  return { employerState: field.state, employerCode: field.code };
}

/** Everything the template needs besides errors: rows with their index and directory states, and the choices. */
export function profileLocals(
  view: CandidateView,
  values: ProfileFormValues,
  revision: string,
  catalog: DirectoryCatalog,
) {
  return {
    title: '个人信息',
    // Masked as every other page masks it (rows projected before kept another masking).
    view: { ...view, idNumberMasked: maskIdNumber(view.idNumber) },
    values,
    revision,
    ...employerLocals(catalog, values.employment.employer),
    educationRows: values.education.map((row, index) => {
      const school = directoryField(catalog, 'school', row.school);
      return { index, row, schoolState: school.state, schoolCode: school.code };
    }),
    trainingRows: values.training.map((row, index) => ({ index, row })),
    certificateRows: values.certificates.map((row, index) => ({ index, row })),
    canAdd: {
      education: values.education.length < MAX_ENTRIES,
      training: values.training.length < MAX_ENTRIES,
      certificates: values.certificates.length < MAX_ENTRIES,
    },
    choices: {
      levels: options(EDUCATION_LEVELS),
      degrees: options(DEGREES),
      studyForms: options(STUDY_FORMS),
      trainingKinds: options(TRAINING_KINDS),
      certificateKinds: options(CERTIFICATE_KINDS),
    },
    genderLabel: view.gender === 'M' ? '男' : '女',
    photoUrl: view.photo ? `/profile/photo/${view.photo.sha256}.jpg` : null,
  };
}
