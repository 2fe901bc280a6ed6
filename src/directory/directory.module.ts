import { Module } from '@nestjs/common';
import './directory.events';
import { DirectoryCatalog } from './directory-catalog.service';
import { DirectoryImportController } from './import/directory-import.controller';
import { DirectoryImportPageController } from './import/directory-import.page.controller';
import { DirectoryImportService } from './import/directory-import.service';
import { DirectorySearchController } from './search/directory-search.controller';

/** 工作单位 / 毕业学校 directory: seed CSVs + admin imports, searched in memory (pinyin initials). */
@Module({
  controllers: [DirectorySearchController, DirectoryImportController, DirectoryImportPageController],
  providers: [DirectoryCatalog, DirectoryImportService],
  exports: [DirectoryCatalog],
})
export class DirectoryModule {}
