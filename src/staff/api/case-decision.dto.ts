import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsDefined, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_STAFF_NOTE_LENGTH } from '../../shared/staff-note';
import { ID_TYPES } from '../../accounts/validation/id-number.rules';

export const REASON_TOO_LONG_MESSAGE = `处理理由不超过${MAX_STAFF_NOTE_LENGTH}字`;

/**
 * 处理理由: missing is REQUIRED, not text NOT_TEXT, too long TOO_LONG, as every API field; the
 * minimum (MIN_REASON_LENGTH) is the decision's own rule. Applied in order, nearest the property first.
 */
const Reason = () =>
  applyDecorators(
    IsDefined({ message: '请填写处理理由' }),
    IsString({ message: '处理理由须为文本' }),
    MaxLength(MAX_STAFF_NOTE_LENGTH, { message: REASON_TOO_LONG_MESSAGE }),
    ApiProperty({ example: '已核验来人身份证原件，与证件号码一致', maxLength: MAX_STAFF_NOTE_LENGTH }),
  );

/** A decision on a case; fields not listed here are refused (UNKNOWN_FIELD). */
export class CaseDecisionDto {
  @ApiProperty({ enum: ['reassign', 'suspend', 'dismiss'] })
  @IsIn(['reassign', 'suspend', 'dismiss'], {
    message: '请选择处理方式：改派、暂停账户或驳回',
    context: { code: 'ACTION_REQUIRED' },
  })
  action!: string;

  @ApiPropertyOptional({ enum: ['registerAnew', 'handOver'], description: 'reassign only' })
  @IsOptional()
  @IsIn(['registerAnew', 'handOver'], {
    message: '请选择改派方式：重新注册或移交账户',
    context: { code: 'MODE_REQUIRED' },
  })
  mode?: string;

  @Reason()
  reason!: string;

  /** Checked by parseCaseDecision, which also reads If-Match; a number or its text. */
  @ApiPropertyOptional({ example: '3', description: "the case's revision the decision was made on; or If-Match" })
  @Allow()
  expectedRevision?: unknown;
}

export class IssueResetCodeDto {
  @Reason()
  reason!: string;
}

/** The ID number of the person at the desk, to find its case; used for the look-up only, never kept. */
export class FindCaseDto {
  @ApiProperty({ enum: Object.keys(ID_TYPES), example: 'resident' })
  @IsIn(Object.keys(ID_TYPES), { message: '请选择证件类型', context: { code: 'ID_TYPE_REQUIRED' } })
  idType!: string;

  @ApiProperty({ example: '110105199003071234' })
  @IsDefined({ message: '请填写证件号码' })
  @IsString({ message: '证件号码须为文本' })
  @MaxLength(40, { message: '证件号码过长' })
  idNumber!: string;
}
