// The merge of Telegram's votes with the site's: pure arithmetic over what the store holds, shared by the
// HTTP API, /stats and the results post, so all three always agree. Decision record 005 explains the rules.

/** One copy's votes as counted for the merge. */
export interface CopyTally {
  chatId: string;
  counts: number[];
  voters: number;
}

export interface OptionResult {
  index: number;
  text: string;
  telegram: number;
  site: number;
  total: number;
  /** share of all votes (Telegram + site), one decimal */
  percent: number;
}

export interface PollResults {
  options: OptionResult[];
  votes: { telegram: number; site: number; total: number };
  /**
   * People, not votes. Telegram voters are summed over copies (a reader voting in two chats counts twice:
   * anonymous polls cannot be told apart). The site reports counts per option only, so its voters are the
   * sum of its votes for single-answer polls and unknown (null) for multiple-answer ones.
   */
  voters: { telegram: number; site: number | null; total: number };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export const round1 = (value: number) => Math.round(value * 10) / 10;

/** Latest choice per voter (empty = retracted) → counts per option and voters for one copy. */
export function tallyAnswers(optionCount: number, answers: Array<{ optionIds: number[] }>): { counts: number[]; voters: number } {
  const counts = new Array<number>(optionCount).fill(0);
  let voters = 0;
  for (const answer of answers) {
    const valid = answer.optionIds.filter((i) => i >= 0 && i < optionCount);
    if (valid.length === 0) continue;
    voters++;
    for (const i of valid) counts[i]!++;
  }
  return { counts, voters };
}

export function mergeResults(input: { options: string[]; siteVotes: number[]; allowsMultipleAnswers: boolean; copies: CopyTally[] }): PollResults {
  const telegram = input.options.map((_, i) => sum(input.copies.map((copy) => copy.counts[i] ?? 0)));
  const site = input.options.map((_, i) => input.siteVotes[i] ?? 0);
  const totals = telegram.map((count, i) => count + site[i]!);
  const all = sum(totals);
  const telegramVoters = sum(input.copies.map((copy) => copy.voters));
  const siteVoters = input.allowsMultipleAnswers ? null : sum(site);
  return {
    options: input.options.map((text, i) => ({
      index: i, text, telegram: telegram[i]!, site: site[i]!, total: totals[i]!,
      percent: all === 0 ? 0 : round1((totals[i]! / all) * 100),
    })),
    votes: { telegram: sum(telegram), site: sum(site), total: all },
    voters: { telegram: telegramVoters, site: siteVoters, total: telegramVoters + (siteVoters ?? 0) },
  };
}
