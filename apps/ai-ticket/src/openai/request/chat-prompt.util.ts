import type { ChatTurn } from '../../dispatch/dispatch.types';

const LABELS: Record<ChatTurn['role'], string> = { system: 'System', developer: 'System', user: 'User', assistant: 'Assistant' };

/**
 * The conversation as one prompt, for an upstream that has no chat API (text completions or KoboldAI's
 * native API): a plain "Role: text" transcript that ends where the assistant's answer begins. The chat
 * API itself gets the messages and applies the model's own template.
 */
export function chatPromptOf(turns: readonly ChatTurn[]): string {
  let prompt = '';
  for (const turn of turns) prompt += `${LABELS[turn.role]}: ${turn.content}\n`;
  return `${prompt}Assistant:`;
}
