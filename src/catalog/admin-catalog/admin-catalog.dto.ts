import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EDUCATION_LEVELS, type CategoryLevel, type EducationLevel } from '../catalog.events';
import { MAX_SITE_CAPACITY } from '../catalog-validation';

export class SessionWindowsDto {
  @ApiProperty({ example: '2027-01-05T08:00:00+08:00' }) @IsString() registrationOpensAt!: string;
  @ApiProperty({ example: '2027-01-31T17:00:00+08:00' }) @IsString() registrationClosesAt!: string;
  @ApiProperty({ example: '2027-01-31T17:00:00+08:00' }) @IsString() withdrawalDeadline!: string;
  @ApiProperty({ example: '2027-05-25T08:00:00+08:00' }) @IsString() ticketPrintingOpensAt!: string;
  @ApiProperty({ example: '2027-06-12T17:00:00+08:00' }) @IsString() ticketPrintingClosesAt!: string;
  @ApiProperty({ example: ['2027-06-08'] }) @IsArray() @ArrayNotEmpty() @IsString({ each: true }) examDates!: string[];
}

export class ScheduleSessionDto {
  @ApiProperty({ example: '2028' })
  @Matches(/^[A-Za-z0-9]{4,16}$/, { message: '考试代码为4至16位字母或数字' })
  sessionCode!: string;
  @ApiProperty({ example: '2028年医师资格考试' }) @IsString() @IsNotEmpty() name!: string;
  @ApiProperty({ example: 2028 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty() @ValidateNested() @Type(() => SessionWindowsDto) windows!: SessionWindowsDto;
}

export class CategoryRequirementsDto {
  @ApiProperty({ enum: EDUCATION_LEVELS }) @IsIn([...EDUCATION_LEVELS]) minimumEducation!: EducationLevel;
  @ApiProperty() @IsBoolean() trainingRequired!: boolean;
  @ApiProperty() @IsBoolean() certificatesRequired!: boolean;
}

export class CategoryDto {
  @ApiProperty({ example: '110' }) @Matches(/^\d{3}$/, { message: '类别代码为3位数字' }) code!: string;
  @ApiProperty({ example: '临床执业医师' }) @IsString() @IsNotEmpty() name!: string;
  @ApiProperty({ enum: ['执业医师', '执业助理医师'] }) @IsIn(['执业医师', '执业助理医师']) level!: CategoryLevel;
  @ApiProperty() @ValidateNested() @Type(() => CategoryRequirementsDto) requirements!: CategoryRequirementsDto;
}

export class AreaDto {
  @ApiProperty({ example: '11' }) @Matches(/^\d{2}$/, { message: '考区代码为2位数字' }) code!: string;
  @ApiProperty({ example: '北京市' }) @IsString() @IsNotEmpty() name!: string;
}

export class SiteDto {
  @ApiProperty({ example: '1104' }) @Matches(/^\d{4}$/, { message: '考点代码为4位数字' }) code!: string;
  @ApiProperty({ example: '11' }) @Matches(/^\d{2}$/) areaCode!: string;
  @ApiProperty({ example: '丰台区' }) @IsString() @IsNotEmpty() city!: string;
  @ApiProperty({ example: '丰台区考点（示例）' }) @IsString() @IsNotEmpty() name!: string;
  @ApiProperty({ example: '北京市丰台区示例路4号（示例地址）' }) @IsString() @IsNotEmpty() address!: string;
  @ApiProperty({ example: 300 }) @IsInt() @Min(0) @Max(MAX_SITE_CAPACITY) capacity!: number;
}

export class CapacityDto {
  // A JSON number: a string such as "0x20" is refused, not converted.
  @ApiProperty({ example: 400 }) @IsInt() @Min(0) @Max(MAX_SITE_CAPACITY) capacity!: number;
}
