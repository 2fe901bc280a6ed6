import { oneTimeCodeAsTyped } from './one-time-code';

describe('a one-time code as it was meant', () => {
  it('reads a code typed with a Chinese IME, in lower case, or with other spaces and dashes, as the code given', () => {
    for (const typed of ['JABYM-6W44S', 'jabym 6w44s', 'ｊａｂｙｍ－６ｗ４４ｓ', 'JABYM—6W44S', ' JABYM6W44S　'])
      expect(oneTimeCodeAsTyped(typed)).toBe('JABYM6W44S');
  });
});
