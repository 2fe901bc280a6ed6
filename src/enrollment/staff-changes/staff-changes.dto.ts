import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { MAX_NOTE_LENGTH } from './staff-enrollment-changes.service';

export class StaffWithdrawDto {
  @ApiProperty({ example: '考生因病无法参加考试，本人书面申请放弃' })
  @IsString({ message: '请填写变更原因' })
  @MaxLength(MAX_NOTE_LENGTH, { message: '变更原因不超过500字' })
  note!: string;
}

export class StaffChangeSiteDto extends StaffWithdrawDto {
  @ApiProperty({ example: '1102' })
  @Matches(/^\d{4}$/, { message: '请选择考点' })
  siteCode!: string;
}
