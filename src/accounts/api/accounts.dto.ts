import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ID_TYPES } from '../validation/id-number.rules';

/** Shapes only (strings, bounded); the rules are the shared ones in validation/, run by the services. */
export class RegisterRequest {
  @ApiProperty({
    example: 'zhangsan01',
    description: '4–20 letters, digits or _, starting with a letter; unique case-insensitively',
  })
  @IsString()
  @MaxLength(64)
  username!: string;
  @ApiProperty({ example: 'correct horse battery', description: '8–128 characters; common passwords refused' })
  @IsString()
  @MaxLength(512)
  password!: string;
  @ApiProperty({ example: '张三' }) @IsString() @MaxLength(64) realName!: string;
  @ApiProperty({ enum: ['M', 'F'] }) @IsString() @MaxLength(8) gender!: string;
  @ApiProperty({ example: '1949-12-31' }) @IsString() @MaxLength(16) birthDate!: string;
  @ApiProperty({ enum: Object.keys(ID_TYPES) }) @IsString() @MaxLength(32) idType!: string;
  @ApiProperty({ example: '11010519491231002X' }) @IsString() @MaxLength(32) idNumber!: string;
  @ApiProperty({ example: '中国' }) @IsString() @MaxLength(64) nationality!: string;
  @ApiProperty({ example: '13800138000' }) @IsString() @MaxLength(32) mobile!: string;
  @ApiProperty({ example: 'zhang@example.cn' }) @IsString() @MaxLength(320) email!: string;
  @ApiProperty({ example: '我的小学名字' }) @IsString() @MaxLength(64) securityQuestion!: string;
  @ApiProperty({ example: '实验小学' }) @IsString() @MaxLength(64) securityAnswer!: string;
  @ApiPropertyOptional({ description: 'Idempotency key: a retry with the same key completes the same registration' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  registrationKey?: string;
}

export class RegisterResponse {
  @ApiProperty() candidateId!: string;
}

export class CaptchaResponse {
  @ApiProperty() captchaId!: string;
  @ApiProperty({ description: 'data:image/svg+xml URI' }) image!: string;
}

export class LoginRequestDto {
  @ApiProperty() @IsString() @MaxLength(64) username!: string;
  @ApiProperty() @IsString() @MaxLength(512) password!: string;
  @ApiProperty({ description: 'from POST /api/accounts/captcha; usable once' })
  @IsString()
  @MaxLength(64)
  captchaId!: string;
  @ApiProperty() @IsString() @MaxLength(16) captcha!: string;
}

export class LoginResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ description: 'password recoveries not yet shown to the candidate', type: [Object] })
  recoveries!: Array<{ at: string; ip: string | null }>;
}

export class ChangePasswordRequest {
  @ApiProperty() @IsString() @MaxLength(512) currentPassword!: string;
  @ApiProperty() @IsString() @MaxLength(512) newPassword!: string;
}

export class ChangeSecurityQuestionRequest {
  @ApiProperty() @IsString() @MaxLength(512) currentPassword!: string;
  @ApiProperty() @IsString() @MaxLength(64) securityQuestion!: string;
  @ApiProperty() @IsString() @MaxLength(64) securityAnswer!: string;
}

export class RecoverPasswordRequest {
  @ApiProperty() @IsString() @MaxLength(64) realName!: string;
  @ApiProperty({ enum: Object.keys(ID_TYPES) }) @IsString() @MaxLength(32) idType!: string;
  @ApiProperty() @IsString() @MaxLength(32) idNumber!: string;
  @ApiProperty() @IsString() @MaxLength(64) securityAnswer!: string;
  @ApiProperty() @IsString() @MaxLength(512) newPassword!: string;
  @ApiProperty() @IsString() @MaxLength(64) captchaId!: string;
  @ApiProperty() @IsString() @MaxLength(16) captcha!: string;
}
