/** The ask record the client kit stores (its own file: the kit and its compaction both read it). */

/** One ask as a context carries it (times as RFC 3339 text with the offset they were recorded in). */
export type AskRecord =
  | {
      readonly kind: 'soft-prompt';
      readonly at: string;
      readonly outcome: 'accepted' | 'declined' | 'dismissed';
    }
  | {
      readonly kind: 'system-prompt';
      readonly at: string;
      readonly outcome: 'granted' | 'denied' | 'dismissed' | 'ignored' | 'provisional';
    }
  | { readonly kind: 'settings-link'; readonly at: string; readonly outcome: 'opened' | 'dismissed' };
