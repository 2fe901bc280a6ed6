import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { projectRoot } from '../bootstrap/project-paths';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ProfileModule } from '../profile/profile.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { APP_LOGGER } from '../infrastructure/http/app-logger';
import { ENROLLMENT_DOCUMENT_SOURCE, type EnrollmentDocumentSource } from './documents/enrollment-documents.port';
import { EnrollmentDocumentsLoader } from './loading/enrollment-documents.loader';
import { PrintEngine } from './print-engine';
import { PrintDocumentsService } from './print/print-documents.service';
import { PrintController } from './print/print.controller';
import { PRINTING_CLOCK } from './printing.tokens';
import { DocumentVerifier } from './verify/document-verifier';
import { VerifyController } from './verify/verify.controller';

/** 报名表 and 准考证 as PDFs, and the public page their QR codes open. */
@Module({
  imports: [AccountsModule, AuditModule, CatalogModule, ProfileModule],
  controllers: [PrintController, VerifyController],
  providers: [
    {
      provide: PrintEngine,
      inject: [APP_CONFIG, APP_LOGGER],
      useFactory: (config: AppConfig, logger: Logger) =>
        new PrintEngine(
          {
            chromiumPath: config.chromiumPath,
            templatesDirectory: join(projectRoot(), 'templates', 'print'),
            documentKey: config.secrets.documentKey,
            publicBaseUrl: config.publicBaseUrl,
            dataDirectory: config.dataDir,
          },
          { warn: (details, message) => logger.warn(details, message) },
        ),
    },
    { provide: PRINTING_CLOCK, useValue: () => new Date() },
    { provide: ENROLLMENT_DOCUMENT_SOURCE, useClass: EnrollmentDocumentsLoader },
    {
      provide: DocumentVerifier,
      inject: [PrintEngine, ENROLLMENT_DOCUMENT_SOURCE],
      useFactory: (engine: PrintEngine, source: EnrollmentDocumentSource) =>
        new DocumentVerifier(engine.signer, source),
    },
    PrintDocumentsService,
  ],
  exports: [PrintEngine, ENROLLMENT_DOCUMENT_SOURCE],
})
export class PrintingModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly engine: PrintEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** In production the first candidate should not wait for fonts and Chromium to load. */
  onApplicationBootstrap(): void {
    if (this.config.env !== 'production') return;
    this.engine.warmUp().catch((error: unknown) => this.logger.warn({ err: error }, 'printing warm-up failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.close();
  }
}
