import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { ValidationError } from '../../shared/errors';
import type { CategoryLevel, EducationLevel, SessionWindows } from '../catalog.events';
import { EDUCATION_LEVELS } from '../catalog.events';
import type { CatalogCommand } from '../catalog.decider';
import { CatalogCommands } from '../catalog-commands.service';
import { CatalogQueries } from '../catalog-queries';
import { CatalogReadYourWrites } from '../catalog-read-your-writes';

type Form = Record<string, string | undefined>;
const WINDOW_FIELDS = [
  ['registrationOpensAt', '报名开始'],
  ['registrationClosesAt', '报名截止'],
  ['withdrawalDeadline', '放弃报考、修改考点截止'],
  ['ticketPrintingOpensAt', '准考证打印开始'],
  ['ticketPrintingClosesAt', '准考证打印结束'],
] as const;

/** 考试目录管理: the admin's pages over the same catalog commands as the API. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/catalog')
export class AdminCatalogPageController {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly queries: CatalogQueries,
    private readonly readYourWrites: CatalogReadYourWrites,
  ) {}

  @Get()
  @Render('admin/catalog/index')
  async index() {
    return { title: '考试目录管理', sessions: (await this.queries.listSessions()).map((view) => view.session) };
  }

  @Get(':session')
  async show(@Param('session') session: string, @Req() req: Request, @Res() res: Response) {
    const query = req.query as Record<string, unknown>;
    await this.render(res, session, 200, { saved: query.saved === '1' });
  }

  @Post(':session')
  async change(@Param('session') session: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    try {
      const position = await this.commands.execute(session, toCommand(form), commandContext(req));
      await this.readYourWrites.waitFor(position);
      res.redirect(`/admin/catalog/${encodeURIComponent(session)}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError) && !isDomainRefusal(error)) throw error;
      const { code, message, fields } = error as ValidationError;
      const renamed = fields.map((field) => ({ ...field, field: formField(form.action, field.field) }));
      const errors = renamed.length > 0 ? renamed : [{ field: 'action', code, message }];
      await this.render(res, session, error instanceof ValidationError ? 400 : 422, { errors, errorMessage: message });
    }
  }

  private async render(res: Response, sessionCode: string, status: number, extra: object): Promise<void> {
    const view = await this.queries.getSession(sessionCode);
    const windowFields = WINDOW_FIELDS.map(([name, label]) => ({ name, label, value: view.session.windows[name] }));
    res.status(status).render('admin/catalog/session', {
      title: `${view.session.name} - 考试目录管理`,
      view,
      windowFields,
      examDates: view.session.windows.examDates.join(','),
      educationLevels: EDUCATION_LEVELS.map((level) => ({ value: level, label: level })),
      categoryRows: view.categories.map((category) => ({
        ...category,
        educationOptions: EDUCATION_LEVELS.map((level) => ({
          value: level,
          label: level,
          selected: level === category.requirements.minimumEducation,
        })),
      })),
      ...extra,
    });
  }
}

/** The area and site forms name their fields apart from the category form's (one page, unique ids). */
const FORM_FIELDS: Record<string, Record<string, string>> = {
  'open-area': { code: 'newAreaCode', name: 'areaName' },
  'open-site': { code: 'siteCode', name: 'siteName', capacity: 'siteCapacity' },
};

function formField(action: string | undefined, field: string): string {
  return FORM_FIELDS[action ?? '']?.[field] ?? field;
}

function isDomainRefusal(error: unknown): boolean {
  const status = (error as { httpStatus?: number }).httpStatus;
  return status === 404 || status === 409 || status === 422;
}

function text(form: Form, name: string): string {
  return (form[name] ?? '').trim();
}

/** The page's forms name their action; each becomes one catalog command. */
export function toCommand(form: Form): CatalogCommand {
  switch (form.action) {
    case 'windows': {
      const windows = Object.fromEntries(WINDOW_FIELDS.map(([name]) => [name, text(form, name)])) as Omit<
        SessionWindows,
        'examDates'
      >;
      const examDates = text(form, 'examDates')
        .split(/[,，\s]+/)
        .filter(Boolean);
      return { type: 'ChangeSessionWindows', windows: { ...windows, examDates } };
    }
    case 'capacity':
      // Blank is no capacity (refused), not 0: an empty box must not close a site.
      return {
        type: 'ChangeSiteCapacity',
        siteCode: text(form, 'siteCode'),
        capacity: numberOrNaN(text(form, 'capacity')),
      };
    case 'close-site':
      return { type: 'CloseExamSite', siteCode: text(form, 'siteCode') };
    case 'withdraw-category':
      return { type: 'WithdrawCategory', code: text(form, 'code') };
    case 'offer-category':
    case 'change-category':
      return {
        type: form.action === 'offer-category' ? 'OfferCategory' : 'ChangeCategory',
        category: {
          code: text(form, 'code'),
          name: text(form, 'name'),
          level: text(form, 'level') as CategoryLevel,
          requirements: {
            minimumEducation: text(form, 'minimumEducation') as EducationLevel,
            trainingRequired: form.trainingRequired === 'on',
            certificatesRequired: form.certificatesRequired === 'on',
          },
        },
      };
    case 'open-area':
      return { type: 'OpenExamArea', code: text(form, 'newAreaCode'), name: text(form, 'areaName') };
    case 'open-site':
      return {
        type: 'OpenExamSite',
        site: {
          code: text(form, 'siteCode'),
          areaCode: text(form, 'siteCode').slice(0, 2),
          city: text(form, 'city'),
          name: text(form, 'siteName'),
          address: text(form, 'address'),
          capacity: numberOrNaN(text(form, 'siteCapacity')),
        },
      };
    default:
      throw new ValidationError([{ field: 'action', code: 'UNKNOWN_ACTION', message: '未知的操作' }]);
  }
}

/** A number typed in a form; blank (or not a number) is NaN, which validation refuses. */
function numberOrNaN(typed: string): number {
  return typed.trim() === '' ? Number.NaN : Number(typed);
}
