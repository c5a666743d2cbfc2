/** The verdict a series gets (SPEC "The model"). */
export const VERDICTS = ['leak', 'plateau', 'step', 'flat', 'shrinking', 'noisy', 'insufficient'] as const;
export type Verdict = (typeof VERDICTS)[number];
