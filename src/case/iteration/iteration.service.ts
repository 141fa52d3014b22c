import { Injectable } from '@nestjs/common';
import { cloneCase, type CloneFields } from '../../core/case-model/clone-case';
import { stateOf, withState } from '../../core/case-model/report-state';
import type { ReportState } from '../../core/case-model/case';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { CaseService } from '../cases/case.service';
import type { ChangeOrigin } from '../history/change-origin';

/** SPEC §6: the next model's report from the last one, and a report's life (publish, archive). */
@Injectable()
export class IterationService {
  constructor(private readonly cases: CaseService) {}

  /**
   * Copies report `from` under a new key as a draft (see cloneCase). Each status it starts with is
   * in its history as a `clone`, naming the source; model-scoped evidence made stale says so.
   */
  async cloneReport(
    from: string,
    fields: CloneFields,
    actor: string | null,
  ): Promise<ReportEntity> {
    const source = await this.cases.loadCase(from);
    const { case: next, madeStale } = cloneCase(source, fields);
    const stale = new Set(madeStale);
    const statusIn = new Map(source.evidence.map((e) => [e.key, e.status]));
    const originOf = (key: string): ChangeOrigin => ({
      source: 'clone',
      actor,
      note: stale.has(key)
        ? `model-scoped evidence, ${statusIn.get(key)} in report '${from}': stale until redone for this model`
        : `cloned from report '${from}'`,
    });
    return this.cases.createFromCase(next, originOf);
  }

  /** Freezes the argument's structure; statuses stay live. */
  publishReport(key: string, origin: ChangeOrigin): Promise<ReportEntity> {
    return this.moveTo(key, 'published', origin);
  }

  /** Takes the report out of service: no change of any kind, statuses included. */
  archiveReport(key: string, origin: ChangeOrigin): Promise<ReportEntity> {
    return this.moveTo(key, 'archived', origin);
  }

  private moveTo(key: string, state: ReportState, origin: ChangeOrigin): Promise<ReportEntity> {
    return this.cases.edit(
      key,
      (c) => {
        // Publishing twice is a mistake to report, not a change that changes nothing.
        if (stateOf(c) === state) {
          throw new DomainError(
            DomainErrorCode.REPORT_FROZEN,
            `report '${key}' is already ${state}`,
          );
        }
        return withState(c, state);
      },
      origin,
    );
  }
}
