import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SORTABLE_COLUMNS, type SortColumn } from '../enrollment-queries';

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
  @ApiPropertyOptional({ example: 7 })
  @IsOptional()
  @IsInt()
  @Min(0)
  revision?: number;
}

export class EnrollmentTableQueryDto {
  @ApiPropertyOptional({ example: '2027' }) @IsOptional() @Matches(/^[A-Za-z0-9]{4,16}$/) session?: string;
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
