import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { ValidationError } from '../../shared/errors';
import { EDUCATION_LEVELS } from '../catalog.events';
import type { CatalogCommand } from '../catalog.decider';
import { CatalogCommands } from '../catalog-commands.service';
import { CatalogQueries } from '../catalog-queries';
import { CatalogReadYourWrites } from '../catalog-read-your-writes';
import { CatalogReader } from '../catalog-reader';
import type { CatalogState } from '../catalog.state';
import { categoryVersion, windowsVersion } from '../changed-since-shown';
import { WINDOW_FIELDS } from '../window-fields';
import { formText, toCommand, type Form } from './catalog-form';

/** 考试目录管理: the admin's pages over the same catalog commands as the API. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/catalog')
export class AdminCatalogPageController {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly queries: CatalogQueries,
    private readonly readYourWrites: CatalogReadYourWrites,
    private readonly catalogs: CatalogReader,
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
      const state = await this.catalogs.load(session);
      const command = pinnedToShown(withCurrentNames(state, toCommand(form)), formText(form, 'shown'));
      const position = await this.commands.execute(session, command, commandContext(req));
      await this.readYourWrites.waitFor(position);
      res.redirect(`/admin/catalog/${encodeURIComponent(session)}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError) && !isDomainRefusal(error)) throw error;
      const { code, message, fields } = error as ValidationError;
      const renamed = fields.map((field) => ({ ...field, field: formField(form, field.field) }));
      const errors = (renamed.length > 0 ? renamed : [{ field: refusalAnchor(form), code, message }]).map(named);
      const status = (error as ValidationError).httpStatus;
      await this.render(res, session, status, { errors, errorMessage: message }, form);
    }
  }

  /** The stored catalog, with what a refused form typed put back in its own form (and row). */
  private async render(res: Response, sessionCode: string, status: number, extra: object, typed?: Form) {
    // The versions the forms carry come from the event store, as the change is checked against it.
    const [view, stored] = await Promise.all([this.queries.getSession(sessionCode), this.catalogs.load(sessionCode)]);
    const action = typed?.action;
    const windows = view.session.windows;
    const windowFields = WINDOW_FIELDS.map(([name, label]) => ({
      name,
      label,
      value: action === 'windows' ? (typed?.[name] ?? '') : windows[name],
    }));
    const rowErrors = new Map(
      ((extra as { errors?: Array<{ field: string; message: string }> }).errors ?? []).map((e) => [e.field, e.message]),
    );
    const typedSite = action === 'capacity' ? typed?.siteCode : undefined;
    res.status(status).render('admin/catalog/session', {
      title: `${view.session.name} - 考试目录管理`,
      view: {
        ...view,
        areas: view.areas.map((area) => ({
          ...area,
          sites: area.sites.map((site) => ({
            ...site,
            capacityShown: site.code === typedSite ? (typed?.capacity ?? '') : String(site.capacity),
            capacityError: rowErrors.get(`capacity-${site.code}`),
            rowError: rowErrors.get(`site-${site.code}`),
          })),
        })),
      },
      windowFields,
      examDates: action === 'windows' ? (typed?.examDates ?? '') : windows.examDates.join(','),
      windowsVersion: windowsVersion(stored),
      // The new category, area and site forms show what was typed into the one that was refused.
      values: action && NEW_ENTRY_ACTIONS.has(action) ? typed : {},
      newLevel: action === 'offer-category' ? typed?.level : undefined,
      newTraining: action === 'offer-category' && typed?.trainingRequired === 'on',
      newCertificates: action === 'offer-category' && typed?.certificatesRequired === 'on',
      educationLevels: EDUCATION_LEVELS.map((level) => ({ value: level, label: level })),
      categoryRows: view.categories.map((category) => {
        const shown = action === 'change-category' && typed?.code === category.code ? typed : undefined;
        const minimum = shown ? shown.minimumEducation : category.requirements.minimumEducation;
        return {
          ...category,
          trainingShown: shown ? shown.trainingRequired === 'on' : category.requirements.trainingRequired,
          certificatesShown: shown ? shown.certificatesRequired === 'on' : category.requirements.certificatesRequired,
          rowError: rowErrors.get(`category-${category.code}`) ?? rowErrors.get(`minimumEducation-${category.code}`),
          version: categoryVersion(stored, category.code),
          educationOptions: EDUCATION_LEVELS.map((level) => ({
            value: level,
            label: level,
            selected: level === minimum,
          })),
        };
      }),
      ...extra,
    });
  }
}

const NEW_ENTRY_ACTIONS = new Set(['offer-category', 'open-area', 'open-site']);

/**
 * 保存要求 changes the requirements only: the category's name and level are taken as they are now
 * (from the event store, not the read model), so a page opened before a rename does not undo it.
 */
function withCurrentNames(state: CatalogState, command: CatalogCommand): CatalogCommand {
  if (command.type !== 'ChangeCategory') return command;
  const current = state.categories[command.category.code];
  if (!current) return command;
  return { ...command, category: { ...command.category, name: current.name, level: current.level } };
}

/** The windows and requirement forms carry the version of what they showed (the decider checks it). */
function pinnedToShown(command: CatalogCommand, shown: string): CatalogCommand {
  if (!shown) return command;
  return command.type === 'ChangeSessionWindows' || command.type === 'ChangeCategory' ? { ...command, shown } : command;
}

/** The area and site forms name their fields apart from the category form's (one page, unique ids). */
const FORM_FIELDS: Record<string, Record<string, string>> = {
  'open-area': { code: 'newAreaCode', name: 'areaName' },
  'open-site': { code: 'siteCode', name: 'siteName', capacity: 'siteCapacity' },
};

/** Where on the page a field error of the refused form is shown: a row's own control, or the form's field. */
function formField(form: Form, field: string): string {
  const action = form.action ?? '';
  if (action === 'capacity') return `capacity-${formText(form, 'siteCode')}`;
  if (action === 'change-category') return `minimumEducation-${formText(form, 'code')}`;
  return FORM_FIELDS[action]?.[field] ?? field;
}

/** Where a refusal without fields (a site stopped, a code taken) is shown: the row or field it is about. */
function refusalAnchor(form: Form): string {
  switch (form.action) {
    case 'capacity':
      return `capacity-${formText(form, 'siteCode')}`;
    case 'close-site':
    case 'reopen-site':
      return `site-${formText(form, 'siteCode')}`;
    case 'change-category':
      return `minimumEducation-${formText(form, 'code')}`;
    case 'withdraw-category':
      return `category-${formText(form, 'code')}`;
    case 'offer-category':
      return 'code';
    case 'open-area':
      return 'newAreaCode';
    case 'open-site':
      return 'siteCode';
    default:
      return 'windows-title';
  }
}

/** A row's error names its site or category in the summary at the top: the page lists about 90 sites. */
function named<T extends { field: string; message: string }>(error: T): T {
  const row = /^(capacity|site|category|minimumEducation)-(\w+)$/.exec(error.field);
  if (!row) return error;
  const what = row[1] === 'capacity' || row[1] === 'site' ? '考点' : '报考类别';
  return { ...error, message: `${what}${row[2]}：${error.message}` };
}

function isDomainRefusal(error: unknown): boolean {
  const status = (error as { httpStatus?: number }).httpStatus;
  return status === 404 || status === 409 || status === 422;
}
