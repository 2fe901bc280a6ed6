import { Module, type OnModuleInit } from '@nestjs/common';
import { candidateViewProjection } from '../../projections/candidate-view/candidate-view.projection';
import { DirectoryModule } from '../directory/directory.module';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { ProfileApiController } from './api/profile.api.controller';
import { PhotoController } from './photo/photo.controller';
import { PhotoStore } from './photo/photo-store';
import { ProfileCommands } from './profile-commands.service';
import './profile.events';
import { ProfileQueries } from './view-profile/profile-queries';
import { EnrollmentCopies } from './web/enrollment-copies';
import { ProfilePageController } from './web/profile.page.controller';

/** 个人信息: the profile commands on the candidate stream, the candidate view, the page and the photo. */
@Module({
  imports: [DirectoryModule],
  controllers: [ProfileApiController, ProfilePageController, PhotoController],
  providers: [ProfileCommands, ProfileQueries, PhotoStore, EnrollmentCopies],
  exports: [ProfileQueries, PhotoStore, ProfileCommands, EnrollmentCopies],
})
export class ProfileModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(candidateViewProjection);
  }
}
