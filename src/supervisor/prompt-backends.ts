// Where supervise mode asks. Kept apart from the supervisor so that enforce mode's launch does not load it.
export const PROMPT_BACKENDS = ['tty', 'agent', 'none'] as const
export type PromptBackendName = (typeof PROMPT_BACKENDS)[number]
