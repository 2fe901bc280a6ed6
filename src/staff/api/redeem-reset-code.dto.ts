import { ApiProperty } from '@nestjs/swagger';
import { Text } from '../../accounts/api/accounts.dto';

/**
 * 使用重置码 as JSON. Shapes only (text, bounded; other fields are UNKNOWN_FIELD); the rules —
 * password strength, the new 密码查询问题 — are the redeeming service's, shared with the page.
 */
export class RedeemResetCodeDto {
  @ApiProperty({ example: 'zhangsan01' }) @Text(64) username!: string;
  @ApiProperty({ example: 'ABCDE-FGHJK', description: 'the one-time code staff handed over' }) @Text(32) code!: string;
  @ApiProperty() @Text(512) password!: string;
  @ApiProperty() @Text(512) confirmPassword!: string;
  @ApiProperty({ example: '我的第一位老师' }) @Text(64) securityQuestion!: string;
  @ApiProperty({ example: '城南李老师' }) @Text(64) securityAnswer!: string;
}
