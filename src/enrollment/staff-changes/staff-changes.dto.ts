import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { MAX_NOTE_LENGTH } from './staff-enrollment-changes.service';

// class-validator reports the rule nearest the property first: whether it was sent at all.
export class StaffWithdrawDto {
  @ApiProperty({ example: '考生因病无法参加考试，本人书面申请放弃' })
  @MaxLength(MAX_NOTE_LENGTH, { message: '变更原因不超过500字', context: { code: 'NOTE_TOO_LONG' } })
  @IsString({ message: '请填写变更原因', context: { code: 'NOTE_REQUIRED' } })
  note!: string;

  /**
   * The enrollment's revision the change was decided on (`revision` of GET …/enrollments/:session/:candidate):
   * if it has changed since, nothing is changed (409 ENROLLMENT_CHANGED).
   */
  @ApiPropertyOptional({ example: 7, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  revision?: number | null;
}

export class StaffChangeSiteDto extends StaffWithdrawDto {
  @ApiProperty({ example: '1102' })
  @Matches(/^\d{4}$/, { message: '请选择考点', context: { code: 'SITE_REQUIRED' } })
  @IsString()
  siteCode!: string;
}
