import { createViewEngine } from '../bootstrap/views';
import { projectPaths } from '../bootstrap/project-paths';

const engine = createViewEngine(projectPaths());
const render = (template: string, context: object = {}): string => engine.compile(template)(context);
const collapse = (html: string) => html.replace(/\s+/g, ' ');

describe('shared partials', () => {
  describe('field', () => {
    it('links label, hint and input; keeps the typed value', () => {
      const html = collapse(
        render('{{> field name="phone" label="手机号码" hint="11位数字" type="tel"}}', {
          values: { phone: '1380013' },
        }),
      );
      expect(html).toContain('<label class="field__label" for="phone">手机号码</label>');
      expect(html).toContain('id="phone-hint"');
      expect(html).toMatch(
        /<input [^>]*id="phone" name="phone" type="tel" value="1380013" aria-describedby="phone-hint">/,
      );
      expect(html).not.toContain('aria-invalid');
    });

    it('an invalid field is red, says why beside the input, and exposes the reason to hover and screen readers', () => {
      const errors = [{ field: 'phone', code: 'INVALID_FORMAT', message: '请输入11位手机号码' }];
      const html = collapse(
        render('{{> field name="phone" label="手机号码" hint="11位数字"}}', { errors, values: { phone: '12' } }),
      );
      expect(html).toContain('class="field field--error"');
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain('title="请输入11位手机号码"');
      expect(html).toContain('aria-describedby="phone-hint phone-error"');
      expect(html).toMatch(/<p class="field__message" id="phone-error">.*✕.*错误：.*请输入11位手机号码<\/p>/);
      expect(html).toContain('value="12"');
    });

    it('matches nested form names to the dotted paths validation reports', () => {
      const errors = [{ field: 'education.0.school', code: 'REQUIRED', message: '请填写毕业学校' }];
      const html = collapse(render('{{> field name="education[0][school]" label="毕业学校"}}', { errors }));
      expect(html).toContain('id="education.0.school"');
      expect(html).toContain('name="education[0][school]"');
      expect(html).toContain('请填写毕业学校');
    });

    it('never sends a password back', () => {
      const html = render('{{> field name="password" label="密码" type="password"}}', {
        values: { password: 'secret1!' },
      });
      expect(html).not.toContain('secret1!');
    });

    it('shows the directory states with text and icon, not colour alone', () => {
      const unknown = collapse(render('{{> field name="employer" label="工作单位" state="unknown"}}'));
      expect(unknown).toContain('field field--unknown');
      expect(unknown).toContain('不在系统已有的列表中');
      const recognised = collapse(render('{{> field name="employer" label="工作单位" state="recognised"}}'));
      expect(recognised).toContain('field field--recognised');
      expect(recognised).toContain('✓');
    });

    it('renders a select with the chosen option when options are given', () => {
      const options = [
        { value: '1', label: '居民身份证' },
        { value: '2', label: '护照' },
      ];
      const html = collapse(
        render('{{> field name="idType" label="证件类型" options=options}}', { options, values: { idType: '2' } }),
      );
      expect(html).toContain('<select class="field__input field__select" id="idType" name="idType">');
      expect(html).toContain('<option value="2" selected>护照</option>');
    });

    it('chooses the option the page marked when the field has no value of its own', () => {
      const options = [
        { value: '11', label: '北京市', selected: false },
        { value: '44', label: '广东省', selected: true },
      ];
      const marked = collapse(render('{{> field name="area" label="考区" options=options}}', { options }));
      expect(marked).toContain('<option value="44" selected>广东省</option>');
      expect(marked).not.toContain('<option value="11" selected>');
      const valued = collapse(render('{{> field name="area" label="考区" options=options value="11"}}', { options }));
      expect(valued).toContain('<option value="11" selected>北京市</option>');
      expect(valued).not.toContain('<option value="44" selected>');
    });
  });

  it('error-summary lists each error as a link to its field', () => {
    const errors = [
      { field: 'username', code: 'REQUIRED', message: '请填写用户名' },
      { field: 'education.0.school', code: 'REQUIRED', message: '请填写毕业学校' },
    ];
    const html = collapse(render('{{> error-summary}}', { errors }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#username">请填写用户名</a>');
    expect(html).toContain('<a href="#education.0.school">请填写毕业学校</a>');
    expect(render('{{> error-summary}}', {})).not.toContain('error-summary');
  });

  it('step-indicator marks done, current and upcoming steps', () => {
    const steps = [
      { label: '选择报考类别', href: '/enrollment/1' },
      { label: '核实基本情况', href: '/enrollment/2' },
      { label: '核实工作情况' },
    ];
    const html = collapse(render('{{> step-indicator steps=steps current=2 label="报名步骤"}}', { steps }));
    expect(html).toContain('aria-label="报名步骤"');
    expect(html).toMatch(/steps__item--done.*<a class="steps__label" href="\/enrollment\/1">选择报考类别<\/a>/);
    expect(html).toMatch(/steps__item--current" aria-current="step">.*核实基本情况/);
    expect(html).not.toContain('href="/enrollment/2"');
    expect(html).toContain('第3步（未开始）');
  });

  it('step-indicator shows an earlier step left unfinished as such, still linked, and a later finished one as done', () => {
    const steps = [
      { label: '选择报考类别', href: '/enrollment/1', done: true },
      { label: '选择教育经历和培训经历', href: '/enrollment/4', done: false },
      { label: '选择证书情况', href: '/enrollment/5', done: false },
      { label: '选择考区及考点', href: '/enrollment/6', done: true },
    ];
    const html = collapse(render('{{> step-indicator steps=steps current=3 label="报名步骤"}}', { steps }));
    expect(html).toMatch(/steps__item--upcoming.*<a class="steps__label" href="\/enrollment\/4">/);
    expect(html).toContain('第2步（未开始）');
    expect(html).toMatch(/steps__item--done.*<a class="steps__label" href="\/enrollment\/6">/);
    expect(html).toContain('第4步（已完成）');
  });

  it('step-indicator shows a step saved incomplete as saved, linked, and not as untouched', () => {
    const steps = [
      { label: '核实基本情况', href: '/enrollment/2', done: true },
      { label: '核实工作情况', href: '/enrollment/3', done: true },
      { label: '选择教育经历和培训经历', href: '/enrollment/4', done: false, saved: true },
      { label: '选择证书情况', done: false },
    ];
    const html = collapse(render('{{> step-indicator steps=steps current=1 label="报名步骤"}}', { steps }));
    expect(html).toMatch(/steps__item--saved.*<a class="steps__label" href="\/enrollment\/4">/);
    expect(html).toContain('第3步（已保存，未完成）');
    expect(html).toContain('<span class="steps__note" aria-hidden="true">已保存，未完成</span>');
    expect(html.match(/steps__note/g)).toHaveLength(1);
    expect(html).toContain('第4步（未开始）');
  });

  it('summary-list shows rows, 未填写 for empty values and change links', () => {
    const rows = [
      { key: '手机号码', value: '138****0000', href: '/profile/contact#phone' },
      { key: '电子邮箱', value: '' },
    ];
    const html = collapse(render('{{> summary-list rows=rows}}', { rows }));
    expect(html).toContain('<dt class="summary-list__key">手机号码</dt>');
    expect(html).toContain('<a href="/profile/contact#phone">修改<span class="visually-hidden">手机号码</span></a>');
    expect(html).toContain('未填写');
  });

  it('combobox carries the hooks app.js enhances, and the hidden code', () => {
    const html = collapse(
      render(
        '{{> combobox name="employerName" label="工作单位" source="/api/directory/institutions" codeName="employerCode" codeValue="123"}}',
      ),
    );
    expect(html).toContain('data-combobox data-source="/api/directory/institutions"');
    expect(html).toContain('<input type="hidden" name="employerCode" value="123" data-combobox-code>');
    expect(html).toContain('id="employerName-listbox"');
  });

  it('the csrf partial carries the page token', () => {
    expect(render('<form>{{#each items}}{{> csrf}}{{/each}}</form>', { csrfToken: 'tok', items: [1] })).toContain(
      '<input type="hidden" name="_csrf" value="tok">',
    );
  });

  describe('layout header', () => {
    it('offers 登录 and 注册 to visitors and marks the current page', () => {
      const html = collapse(render('{{> layout/header}}', { currentPath: '/login' }));
      expect(html).toContain('<a class="site-nav__link" href="/login" aria-current="page">登录</a>');
      expect(html).toContain('href="/register"');
      expect(html).not.toContain('退出');
    });

    it('shows the signed-in user and a 退出 form with the CSRF token', () => {
      const principal = { role: 'candidate', id: 'c1', username: 'zhang_san', sessionId: 's' };
      const html = collapse(render('{{> layout/header}}', { principal, currentPath: '/profile', csrfToken: 'tok' }));
      expect(html).toContain('zhang_san');
      expect(html).toMatch(
        /<form method="post" action="\/logout"[^>]*> <input type="hidden" name="_csrf" value="tok">/,
      );
      expect(html).toContain('退出</button>');
      expect(html).toContain('<a class="site-nav__link" href="/profile" aria-current="page">个人信息</a>');
      expect(html).not.toContain('href="/login"');
    });
  });
});
