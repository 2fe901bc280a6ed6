import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches } from 'class-validator';

export class StartEnrollmentDto {
  @ApiProperty({ example: 'v1', description: '同意的考生承诺书版本' })
  @Matches(/^v\d+$/, { message: '请阅读并同意考生承诺书' })
  pledgeVersion!: string;

  @ApiProperty({ example: '110' })
  @Matches(/^\d{3}$/, { message: '请选择报考类别' })
  categoryCode!: string;
}

/** Steps 4 and 5: 保存 (keepIncomplete) or 下一步. */
class StepSelectionDto {
  @ApiProperty({
    required: false,
    description: '保存：下一步会拒绝的选择（未勾选、不满足要求）作为草稿保存，本步仍待完成；缺省为下一步的校验',
  })
  @IsOptional()
  @IsBoolean()
  keepIncomplete?: boolean;
}

export class QualificationsDto extends StepSelectionDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) educationIds!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) trainingIds!: string[];
}

export class CertificatesDto extends StepSelectionDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) certificateIds!: string[];
}

export class SiteChoiceDto {
  @ApiProperty({ example: '1101' })
  @Matches(/^\d{4}$/, { message: '请选择考点' })
  siteCode!: string;
}

/**
 * The steps that take no input (2, 3: the profile is copied as it is; 放弃报考): a body, if any, is
 * empty, and a field sent anyway is refused (UNKNOWN_FIELD) rather than silently ignored.
 */
export class NoInputDto {}

/** 提交: optionally the site the candidate checked; another site chosen since (another tab) is refused. */
export class SubmitDto {
  @ApiProperty({
    required: false,
    example: '1101',
    description: '核对页面上的考点；与当前选择不同时拒绝（SITE_CHOICE_CHANGED）',
  })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: '请选择考点' })
  siteCode?: string;
}
