import { answerOf, ROOT_AND_HEAD_ARGS, rootAndHeadOf } from './git.js';
import { gitTogether } from './git-together.js';
import { IGNORED_ARGS, ignoredFilesFrom } from './ignored-files.js';
import { LISTING_ARGS, type EarlyListings } from './work-tree-listing.js';

/**
 * The git questions every run starts with — where the repository is, what HEAD is, which files
 * the work tree holds, which are ignored — asked together (one process started by Node, see
 * git-together.ts) and before the run's code has loaded: the CLI asks them as its first act
 * (cli/ask-git-early.ts), so that git works on the other core while Node loads the rest (issue #16:
 * a run of cache hits is mostly start-up). The run takes the answers if they were asked of its
 * own folder, and asks again otherwise.
 */
export interface RunStartAnswers {
  repo: Promise<{ root?: string; head?: string }>;
  listings: EarlyListings;
}

let early: (RunStartAnswers & { folder: string; withTree: boolean }) | undefined;

/** `withTree` false: the run's scope will not be the whole tree (--since, a push range), so the tree is not listed. */
function ask(folder: string, withTree: boolean): RunStartAnswers {
  const answers = gitTogether([ROOT_AND_HEAD_ARGS, IGNORED_ARGS, ...(withTree ? [LISTING_ARGS] : [])], folder);
  return {
    repo: answers.then(([rev]) => (rev ? rootAndHeadOf(rev) : {})),
    listings: {
      folder,
      tree: answers.then(([, , tree]) => (tree ? answerOf(tree) : undefined)),
      ignored: answers.then(([, ignored]) => ignoredFilesFrom(ignored ? answerOf(ignored) : undefined, folder)),
    },
  };
}

export function askEarly(folder: string, withTree: boolean): void {
  early = { ...ask(folder, withTree), folder, withTree };
}

/** The early answers, once, when they were asked of `folder` (and listed the tree, if it is needed); fresh ones otherwise. */
export function runStartAnswers(folder: string, withTree: boolean): RunStartAnswers {
  const asked = early;
  early = undefined;
  if (asked && asked.folder === folder && (asked.withTree || !withTree)) return asked;
  return ask(folder, withTree);
}
