import { modelsOfKoboldModel, modelsOfOpenAiList } from './model-list.util';

const NOW = 1_800_000_000;

describe('model lists', () => {
  describe(modelsOfOpenAiList.name, () => {
    it("should keep OpenAI's entry fields only, with defaults for missing ones", () => {
      const answer = { object: 'list', data: [{ id: 'a', object: 'model', created: 5, owned_by: 'me', permission: [] }, { id: 'b' }] };

      expect(modelsOfOpenAiList(answer, NOW)).toEqual([
        { id: 'a', object: 'model', created: 5, owned_by: 'me' },
        { id: 'b', object: 'model', created: NOW, owned_by: 'koboldcpp' },
      ]);
    });

    it.each([
      ['no data', {}],
      ['empty data', { data: [] }],
      ['entries without ids', { data: [{ object: 'model' }, { id: '' }] }],
      ['undefined', undefined],
    ])('should return undefined for %s', (_case, answer) => {
      expect(modelsOfOpenAiList(answer, NOW)).toBeUndefined();
    });
  });

  describe(modelsOfKoboldModel.name, () => {
    it("should read KoboldAI's model name", () => {
      expect(modelsOfKoboldModel({ result: 'koboldcpp/llama' }, NOW)).toEqual([{ id: 'koboldcpp/llama', object: 'model', created: NOW, owned_by: 'koboldcpp' }]);
    });

    it('should return undefined without a name', () => {
      expect(modelsOfKoboldModel({ result: '' }, NOW)).toBeUndefined();
    });
  });
});
