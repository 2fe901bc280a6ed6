import { parseRegistration } from './registration-input';

describe('registration input', () => {
  it('cleans a full-width ID number and a grouped mobile to the form stored and keyed', () => {
    const input = parseRegistration(
      {
        username: 'zhangsan01',
        password: 'correct horse battery',
        realName: '张三',
        gender: 'F',
        birthDate: '1949-12-31',
        idType: 'resident',
        idNumber: '１１０１０５１９４９１２３１００２ｘ',
        nationality: '中国',
        mobile: '１３８ ００１３ ８０００',
        email: 'zhang@example.cn',
        securityQuestion: '我的小学名字',
        securityAnswer: '实验小学',
      },
      '2026-11-26',
    );
    expect(input).toMatchObject({ idNumber: '11010519491231002X', mobile: '13800138000' });
  });
});
