import { REDACTED, redactCase } from '../../core/case-model/redact-case';
import { Injectable } from '@nestjs/common';
import { ReportAnalysisService } from '../analysis/report-analysis.service';
import {
  buildArgumentDiagram,
  renderArgumentDiagram,
  type DiagramFormat,
} from '../../core/diagram';

/** Loads a report's analysed case (cached per version) and draws one pathway with src/diagram. */
@Injectable()
export class DiagramService {
  constructor(private readonly analyses: ReportAnalysisService) {}

  /** With `asOf`, the statuses in force at that instant, as the report's other fields use. */
  async draw({
    reportId,
    asOf,
    pathway,
    format,
    failed,
    maxOrder,
    clearance,
  }: {
    readonly reportId: string;
    readonly asOf?: Date;
    readonly pathway: string;
    readonly format: DiagramFormat;
    readonly failed: readonly string[];
    readonly maxOrder: number;
    /** Without clearance restricted nodes are drawn with their key only. */
    readonly clearance: boolean;
  }): Promise<string> {
    const a = await this.analyses.analyse({ id: reportId }, maxOrder, { asOf });
    const diagram = buildArgumentDiagram({
      case: clearance ? a.case : redactCase(a.case, REDACTED),
      analysis: a.analysis,
      pathway,
      failed,
    });
    return renderArgumentDiagram({ diagram, format });
  }
}
