/**
 * A token count for text when nothing better is known: OpenAI's rule of thumb of about four characters
 * per token for English. It only stands in for real counts (marked `source="estimate"` wherever shown).
 */
export function estimateTokens(text: string): number {
  return tokensForCharacters(text.length);
}

export function tokensForCharacters(characters: number): number {
  return Math.ceil(characters / 4);
}
