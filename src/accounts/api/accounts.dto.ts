import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsOptional, IsString, MaxLength } from 'class-validator';
import { ID_TYPES } from '../validation/id-number.rules';

/** A required string of at most `max` characters; a missing one is reported as REQUIRED. */
export const Text = (max: number) => applyDecorators(IsDefined(), IsString(), MaxLength(max));

/** Shapes only (strings, bounded); the rules are the shared ones in validation/, run by the services. */
export class RegisterRequest {
  @ApiProperty({
    example: 'zhangsan01',
    description: '4–20 letters, digits or _, starting with a letter; unique case-insensitively',
  })
  @Text(64)
  username!: string;
  @ApiProperty({ example: 'correct horse battery', description: '8–128 characters; common passwords refused' })
  @Text(512)
  password!: string;
  @ApiProperty({ example: '张三' }) @Text(64) realName!: string;
  @ApiProperty({ enum: ['M', 'F'] }) @Text(8) gender!: string;
  @ApiProperty({ example: '1949-12-31' }) @Text(16) birthDate!: string;
  @ApiProperty({ enum: Object.keys(ID_TYPES) }) @Text(32) idType!: string;
  @ApiProperty({ example: '11010519491231002X' }) @Text(32) idNumber!: string;
  @ApiProperty({ example: '中国' }) @Text(64) nationality!: string;
  @ApiProperty({ example: '13800138000' }) @Text(32) mobile!: string;
  @ApiPropertyOptional({ example: 'zhang@example.cn', description: 'optional (absent or empty: none)' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;
  @ApiProperty({ example: '我的小学名字' }) @Text(64) securityQuestion!: string;
  @ApiProperty({ example: '实验小学' }) @Text(64) securityAnswer!: string;
  @ApiPropertyOptional({
    description:
      '注册码: only for an ID number staff freed for its rightful person (注意 4), given to them on site; else IDENTITY_RESERVED',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  reservationCode?: string;
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
  @ApiProperty() @Text(64) username!: string;
  @ApiProperty() @Text(512) password!: string;
  @ApiProperty({ description: 'from POST /api/accounts/captcha; usable once' })
  @IsString()
  @MaxLength(64)
  captchaId!: string;
  @ApiProperty() @Text(16) captcha!: string;
}

export class LoginResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ description: 'password recoveries not yet shown to the candidate', type: [Object] })
  recoveries!: Array<{ at: string; ip: string | null }>;
}

export class ChangePasswordRequest {
  @ApiProperty() @Text(512) currentPassword!: string;
  @ApiProperty() @Text(512) newPassword!: string;
}

export class ChangeSecurityQuestionRequest {
  @ApiProperty() @Text(512) currentPassword!: string;
  @ApiProperty() @Text(64) securityQuestion!: string;
  @ApiProperty() @Text(64) securityAnswer!: string;
}

export class RecoverPasswordRequest {
  @ApiProperty() @Text(64) realName!: string;
  @ApiProperty({ enum: Object.keys(ID_TYPES) }) @Text(32) idType!: string;
  @ApiProperty() @Text(32) idNumber!: string;
  @ApiProperty() @Text(64) securityAnswer!: string;
  @ApiProperty() @Text(512) newPassword!: string;
  @ApiProperty() @Text(64) captchaId!: string;
  @ApiProperty() @Text(16) captcha!: string;
}
