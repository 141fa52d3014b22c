/**
 * SPEC §7: an information request asks a team a question, optionally about nodes, by a due date.
 * Pure: what states a request has, which moves are allowed and when it is overdue.
 */

export const REQUEST_STATES = ['open', 'answered', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Open past its due date. An answered or closed request is never overdue. */
export function isOverdue(request: { state: RequestState; dueAt: Date }, now: Date): boolean {
  return request.state === 'open' && request.dueAt.getTime() < now.getTime();
}

/**
 * Why a request in `state` cannot take the move; null when it can. An open request takes an
 * answer; the asking side closes an open or answered one; a closed request is final.
 */
export function refusedRequestMove(state: RequestState, move: 'answer' | 'close'): string | null {
  if (state === 'closed') return 'it is closed';
  if (move === 'answer' && state === 'answered') return 'it is answered already';
  return null;
}
