import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SORTABLE_COLUMNS, type SortColumn } from '../enrollment-queries';
import { BATCH_APPROVAL_LIMIT } from './enrollment-review.service';

export class ReviewDto {
  @ApiPropertyOptional({ example: '学历证明不清晰，请重新上传' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '审核意见不超过500字' })
  reason?: string;

  /**
   * The enrollment's revision the decision was made on (`revision` of the table row or of
   * GET …/enrollments/:session/:candidate): if it has changed since, nothing is decided (409 ENROLLMENT_CHANGED).
   */
  @ApiPropertyOptional({ example: 7, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  revision?: number | null;
}

export class EnrollmentTableQueryDto {
  @ApiPropertyOptional({
    example: '2027',
    description: 'Left out: the session whose registration opened last, else the next to open (as the pages).',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{4,16}$/)
  session?: string;
  @ApiPropertyOptional({ example: '11' }) @IsOptional() @Matches(/^\d{2}$/) area?: string;
  @ApiPropertyOptional({ example: '1101' }) @IsOptional() @Matches(/^\d{4}$/) site?: string;
  @ApiPropertyOptional({ enum: ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] })
  @IsOptional()
  @IsIn(['draft', 'submitted', 'approved', 'rejected', 'withdrawn'])
  status?: string;
  @ApiPropertyOptional({ example: '110' }) @IsOptional() @Matches(/^\d{3}$/) category?: string;
  @ApiPropertyOptional({ enum: SORTABLE_COLUMNS }) @IsOptional() @IsIn([...SORTABLE_COLUMNS]) sort?: SortColumn;
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class SelectedEnrollmentDto {
  @ApiProperty({ example: '5f0c…' }) @IsString() @Matches(/^[\w-]{1,64}$/) candidateId!: string;

  /** The revision the staff member saw (a table row's `revision`): if it has changed, this one is refused. */
  @ApiPropertyOptional({ example: 7, nullable: true }) @IsOptional() @IsInt() @Min(0) revision?: number | null;
}

export class ApproveBatchDto {
  // class-validator reports the rule nearest the property first: whether it is a list at all.
  @ApiProperty({ type: [SelectedEnrollmentDto], minItems: 1, maxItems: BATCH_APPROVAL_LIMIT })
  @ValidateNested({ each: true })
  @Type(() => SelectedEnrollmentDto)
  @ArrayMaxSize(BATCH_APPROVAL_LIMIT, {
    message: `一次最多审核通过${BATCH_APPROVAL_LIMIT}条`,
    context: { code: 'SELECTION_TOO_LARGE' },
  })
  @ArrayMinSize(1, { message: '请先勾选要审核通过的报名', context: { code: 'SELECTION_REQUIRED' } })
  @IsArray({ message: '请提供要审核通过的报名列表', context: { code: 'SELECTION_REQUIRED' } })
  enrollments!: SelectedEnrollmentDto[];

  @ApiPropertyOptional({ example: '材料齐全' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '审核意见不超过500字' })
  reason?: string;
}
