import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength, validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { toFieldErrors } from './validation';

class ProbeDto {
  @IsArray() @ArrayMaxSize(2) @IsString({ each: true }) ids!: string[];
  @MaxLength(5) @IsString() name!: string;
  @Matches(/^\d{4}$/, { message: '请选择考点' }) siteCode!: string;
  @MaxLength(3, { message: '原因过长', context: { code: 'NOTE_TOO_LONG' } })
  @IsString({ message: '请填写原因', context: { code: 'NOTE_REQUIRED' } })
  note!: string;
}

const errorsOf = async (body: object) => toFieldErrors(await validate(plainToInstance(ProbeDto, body)));

describe('field errors from the DTO rules', () => {
  it('says REQUIRED for a field not sent, with the DTO’s own message where it has one', async () => {
    const errors = await errorsOf({});
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'ids', code: 'REQUIRED', message: '此项为必填项' },
        { field: 'name', code: 'REQUIRED', message: '此项为必填项' },
        { field: 'siteCode', code: 'REQUIRED', message: '请选择考点' },
        { field: 'note', code: 'NOTE_REQUIRED', message: '请填写原因' }, // the code the DTO named wins
      ]),
    );
  });

  it('names a value of the wrong type as such, not as the size or length rule that also failed', async () => {
    const errors = await errorsOf({ ids: 'a', name: 7, siteCode: '1101', note: 'ok' });
    expect(errors).toEqual([
      { field: 'ids', code: 'NOT_LIST', message: '须为列表' },
      { field: 'name', code: 'NOT_TEXT', message: '须为文本' },
    ]);
  });

  it('names a value of the wrong type as such also where the DTO named a code for its rule', async () => {
    const errors = await errorsOf({ ids: [], name: 'a', siteCode: '1101', note: 5 });
    expect(errors).toEqual([{ field: 'note', code: 'NOT_TEXT', message: '须为文本' }]);
  });

  it('reports the rule that failed on a value of the right type', async () => {
    const errors = await errorsOf({ ids: ['a', 'b', 'c'], name: '太长的名字啊啊', siteCode: '11', note: '四个字的' });
    expect(errors).toEqual([
      { field: 'ids', code: 'TOO_MANY', message: '超过允许的数量' },
      { field: 'name', code: 'TOO_LONG', message: '内容过长' },
      { field: 'siteCode', code: 'INVALID_FORMAT', message: '请选择考点' },
      { field: 'note', code: 'NOTE_TOO_LONG', message: '原因过长' },
    ]);
  });
});
