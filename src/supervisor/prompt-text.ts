// The prompt as a person sees it (design section 5).
import type {PromptRequest} from './messages.js'

export const PROMPT_RULE = '------------- landjail: access request -------------'
export const PROMPT_CHOICES = '(y)es once  (a)lways  (n)o once  (N)ever  [scope: (f)ile (d)ir] >'

export function formatPrompt(profile: string, r: PromptRequest): string[] {
  return [
    PROMPT_RULE,
    `${profile}: process ${r.comm}[${r.pid}] (${r.exe}) wants to ${r.access}`,
    `  ${r.path}`,
    PROMPT_CHOICES,
  ]
}
