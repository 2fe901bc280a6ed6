import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { ValidationError } from '../../shared/errors';
import { signedIn } from '../signed-in';
import { StaffDefaultSession } from '../staff-default-session';
import { SeatCheck } from './seat-check.service';

export const SESSION_CODE = /^[A-Za-z0-9]{4,16}$/;

/** The session named in a path or form; a malformed code is refused. */
export function sessionCodeOf(value: string): string {
  if (!SESSION_CODE.test(value))
    throw new ValidationError([{ field: 'session', code: 'INVALID_SESSION', message: '考试代码格式不正确' }]);
  return value;
}

export class SeatCheckQueryDto {
  @ApiPropertyOptional({
    example: '2027',
    description: 'Left out: the session whose registration opened last, else the next to open (as the pages).',
  })
  @IsOptional()
  @Matches(SESSION_CODE)
  session?: string;
}

/** 座位核对: enrollments of the staff member's scope without the seat they rely on. */
@ApiTags('staff')
@Roles('staff', 'admin')
@Controller('api/staff/seat-check')
export class SeatCheckApiController {
  constructor(
    private readonly check: SeatCheck,
    private readonly defaultSession: StaffDefaultSession,
  ) {}

  @Get()
  async list(@Req() req: Request, @Query() query: SeatCheckQueryDto) {
    const sessionCode = await this.defaultSession.or(query.session);
    return { sessionCode, seatless: await this.check.seatless(sessionCode, signedIn(req)) };
  }

  /** Takes their seats again where one is free now; returns how many are seated and how many still are not. */
  @Post(':session/restore')
  @HttpCode(200)
  restore(@Req() req: Request, @Param('session') session: string) {
    return this.check.restore(sessionCodeOf(session), signedIn(req), commandContext(req));
  }
}
