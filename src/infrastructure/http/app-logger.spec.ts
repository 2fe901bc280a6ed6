import { CENSORED, PinoNestLogger, censorSensitive, createAppLogger } from './app-logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createAppLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('log censoring', () => {
  it('censors sensitive keys at the top level and two levels below, in objects and arrays', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        idNumber: '110101199001011234',
        command: { name: '张三', data: { phone: '13800000000', siteCode: '1101' } },
        people: [{ email: 'a@b.cn', role: 'candidate' }],
        route: '/api/profile',
      },
      'checked',
    );
    expect(lines[0]).toMatchObject({
      idNumber: CENSORED,
      command: { name: CENSORED, data: { phone: CENSORED, siteCode: '1101' } },
      people: [{ email: CENSORED, role: 'candidate' }],
      route: '/api/profile',
      msg: 'checked',
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/110101199001011234|张三|13800000000|a@b\.cn/);
  });

  it('leaves the logged object itself untouched and keeps errors whole', () => {
    const { logger, lines } = capture();
    const logged = { body: { password: 'secret' }, err: new Error('boom') };
    logger.error(logged, 'failed');
    expect(logged.body.password).toBe('secret');
    expect(lines[0].body).toBe(CENSORED);
    expect(lines[0].err).toMatchObject({ type: 'Error', message: 'boom', stack: expect.stringContaining('boom') });
  });

  it("censors an error's own fields and class instances (a driver's duplicate key, a command object)", () => {
    const { logger, lines } = capture();
    const duplicate = Object.assign(new Error('E11000 duplicate key'), {
      keyValue: { idNumber: '110101199001011234' },
    });
    class RegisterCommand {
      constructor(
        readonly name: string,
        readonly gender: string,
      ) {}
    }
    logger.error({ err: duplicate, command: new RegisterCommand('张三', 'M') }, 'failed');
    expect(lines[0].err).toMatchObject({
      type: 'Error',
      message: 'E11000 duplicate key',
      keyValue: { idNumber: CENSORED },
    });
    expect(lines[0].command).toEqual({ name: CENSORED, gender: 'M' });
    expect(JSON.stringify(lines[0])).not.toMatch(/110101199001011234|张三/);
  });

  it('returns an object with nothing to censor as it is (no copy on the common line)', () => {
    const line = { method: 'GET', route: '/health', status: 200, principal: { role: 'candidate', id: 'c1' } };
    expect(censorSensitive(line)).toBe(line);
  });
});

describe("Nest's messages", () => {
  it('module and route mapping lines are debug, so an info log starts with what an operator reads', () => {
    const { logger, lines } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('CatalogApiController {/api/catalog/sessions}:', 'RoutesResolver');
    nest.log('Mapped {/api/catalog/sessions, GET} route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(lines.map((line) => line.msg)).toEqual(['Nest application successfully started']);
  });
});
