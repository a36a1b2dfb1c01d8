/**
 * The simulation's decision log, in the section 10 format that `push-prompt report` and
 * `push-prompt replay` read: a decision record for every decision the engine made (with the
 * context exactly as sent, and the decision's `experiments`), an ask record for every
 * prompt shown, and a permission record for every change the user made outside a prompt
 * (turned off in settings, turned back on after a settings link, on by default).
 */
import type { Decision } from '../../index.js';
import { decisionRecord } from '../logs/jsonl.js';

/** One prior ask, as contexts carry them. */
export interface SimAsk {
  readonly kind: 'soft-prompt' | 'system-prompt' | 'settings-link';
  readonly at: string;
  readonly outcome: string;
}

/** Where a simulated user's log records go. */
export interface LogSink {
  decision(context: Record<string, unknown>, decision: Decision): void;
  ask(userId: string, ask: SimAsk): void;
  permission(userId: string, at: string, permission: 'granted' | 'denied'): void;
}

/**
 * A sink writing one JSON line per record (each line ends with a newline).
 *
 * @example
 * const lines: string[] = [];
 * const sink = jsonLinesSink((l) => lines.push(l));
 */
export function jsonLinesSink(write: (line: string) => void): LogSink {
  return {
    decision: (context, decision) => write(`${JSON.stringify(decisionRecord(context, decision))}\n`),
    ask: (userId, ask) => write(`${JSON.stringify({ type: 'ask', at: ask.at, userId, ask })}\n`),
    permission: (userId, at, permission) =>
      write(`${JSON.stringify({ type: 'permission', at, userId, permission })}\n`),
  };
}
