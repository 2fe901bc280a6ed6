import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { InfrastructureModule } from '../../src/infrastructure/infrastructure.module';
import { CatalogModule } from '../../src/catalog/catalog.module';
import type { CatalogSeed } from '../../src/catalog/catalog-seed';
import { windowsAroundNow } from '../../src/catalog/testing/windows-around-now';
import {
  ENROLLMENT_PROFILES,
  type EnrollmentProfile,
  type EnrollmentProfiles,
} from '../../src/enrollment/candidate-profile/enrollment-profiles.port';
import { ENROLLMENT_PROVIDERS } from '../../src/enrollment/enrollment.providers';
import { EnrollmentSteps } from '../../src/enrollment/enrollment-steps.service';
import type { CommandContext } from '../../src/shared/messages';

/** The default seed with its windows around now (windowsAroundNow) and one small site, written to a temp file. */
export function writeTestSeed(dir: string, capacity: number, now = Date.now()): string {
  const seed = JSON.parse(readFileSync(join(__dirname, '../../seed/catalog-2027.json'), 'utf8')) as CatalogSeed;
  seed.session.windows = windowsAroundNow(now);
  seed.areas[0].sites[0].capacity = capacity;
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

export function profileOf(candidateId: string): EnrollmentProfile {
  return {
    candidateId,
    basicInfo: {
      fullName: `考生${candidateId}`,
      gender: '女',
      birthDate: '1996-05-01',
      idType: '居民身份证',
      idNumberMasked: '110***********0000',
    },
    employment: { status: '在职', employer: '某医院（测试）' },
    education: [
      { id: 'edu-1', school: '某医学院（测试）', major: '临床医学', degree: '本科', from: '2014-09', to: '2019-07' },
    ],
    training: [{ id: 'tr-1', kind: '试用期', institution: '某医院（测试）', from: '2019-08', to: '2020-08' }],
    certificates: [],
    photoSha256: null,
  };
}

export const candidateContext = (candidateId: string): CommandContext => ({
  actor: { id: candidateId, role: 'candidate' },
  correlationId: `test-${candidateId}`,
  now: new Date(),
});

/** One "process": the infrastructure, catalog and enrollment providers on the files in `dir`. */
export async function startEnrollmentContext(
  dir: string,
  seedFile: string,
  profiles: EnrollmentProfiles = { get: async (id: string) => profileOf(id) },
): Promise<INestApplicationContext> {
  process.env.DATA_DIR = dir;
  process.env.SEED_CATALOG_FILE = seedFile;
  process.env.LOG_LEVEL = 'silent';
  const moduleRef = await Test.createTestingModule({
    imports: [InfrastructureModule, CatalogModule],
    providers: [...ENROLLMENT_PROVIDERS, { provide: ENROLLMENT_PROFILES, useValue: profiles }],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef.init();
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Steps 1–6 done for the candidate in session 2027 (category 110, the fixture profile), site `site` chosen. */
export async function readyToSubmit(app: INestApplicationContext, id: string, site: string): Promise<void> {
  const steps = app.get(EnrollmentSteps);
  const context = candidateContext(id);
  await steps.start('2027', id, 'v1', '110', context);
  await steps.confirmBasicInfo('2027', id, context);
  await steps.confirmEmployment('2027', id, context);
  await steps.selectQualifications('2027', id, ['edu-1'], ['tr-1'], context);
  await steps.selectCertificates('2027', id, [], context);
  await steps.chooseSite('2027', id, site, context);
}
