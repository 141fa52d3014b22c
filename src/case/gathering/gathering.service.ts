import { Injectable } from '@nestjs/common';
import { indexNodes, visibleNode, visibleScenario } from '../../core/case-model/index-nodes';
import {
  confirmationRequests,
  confirmStep,
  gatheringProgress,
  type GatheringProgress,
  type StepRef,
} from '../../core/case-model/response-steps';
import type { InformationRequestEntity } from '../../storage/entities/information-request.entity';
import type { Principal } from '../auth/policy';
import { CaseService } from '../cases/case.service';
import { CaseVersions, VersionDerived, type CaseVersion } from '../cases/case-versions';
import {
  InformationRequestsService,
  type Requester,
} from '../requests/information-requests.service';

/** How long a team has to confirm its steps when the asker names no date. */
const DEFAULT_CONFIRMATION_DAYS = 14;

const PROGRESS = new VersionDerived((version) => gatheringProgress(version.stored.case));

/**
 * SPEC §8's information gathering: the acting team confirms each response step; the steps not
 * confirmed yet go to their teams as information requests; progress is counted per pathway.
 */
@Injectable()
export class GatheringService {
  constructor(
    private readonly cases: CaseService,
    private readonly versions: CaseVersions,
    private readonly requests: InformationRequestsService,
  ) {}

  /** Per pathway, in the case's order: its scenarios, their steps and how many are confirmed. */
  progress(version: CaseVersion): readonly GatheringProgress[] {
    return version.derive(PROGRESS);
  }

  /**
   * Records the token's word that the step happens as written, now (a second confirmation
   * replaces the first). The policy checked that a team-scoped token's team acts in it.
   */
  async confirm(
    reportKey: string,
    ref: StepRef,
    note: string | null,
    by: Pick<Principal, 'name'>,
  ): Promise<CaseVersion> {
    const report = await this.cases.edit(reportKey, (c) =>
      confirmStep(c, ref, { by: by.name, at: new Date().toISOString(), note }),
    );
    return this.versions.of(report);
  }

  /**
   * One request per team and scenario with unconfirmed steps, unless that team has an open
   * request about the scenario already. Scenarios the caller may not see are left out.
   */
  async requestConfirmations(
    reportKey: string,
    reviewKey: string | null,
    dueAt: Date | null,
    by: Requester,
  ): Promise<InformationRequestEntity[]> {
    const c = await this.cases.loadCase(reportKey);
    const nodes = indexNodes(c);
    const visible = (key: string) =>
      visibleNode(nodes, key, by.clearance) ?? visibleScenario(c, nodes, key, by.clearance);
    const due = dueAt ?? new Date(Date.now() + DEFAULT_CONFIRMATION_DAYS * 24 * 3600 * 1000);
    const wanted = confirmationRequests(c)
      .filter((r) => r.nodes.every(visible))
      .map((r) => ({
        team: r.team,
        question: r.question,
        nodes: r.nodes,
        dueAt: due,
        unlessOpenAbout: r.scenario,
      }));
    return this.requests.createAll(reportKey, reviewKey, wanted, by);
  }
}
