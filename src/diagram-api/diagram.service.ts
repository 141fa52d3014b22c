import { Injectable } from '@nestjs/common';
import { ReportAnalysisService } from '../analysis-api/report-analysis.service';
import { buildArgumentDiagram, renderArgumentDiagram, type DiagramFormat } from '../diagram';

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
  }: {
    readonly reportId: string;
    readonly asOf?: Date;
    readonly pathway: string;
    readonly format: DiagramFormat;
    readonly failed: readonly string[];
    readonly maxOrder: number;
  }): Promise<string> {
    const a = await this.analyses.analyse({ id: reportId }, maxOrder, asOf);
    const diagram = buildArgumentDiagram({
      case: a.case,
      analysis: a.analysis,
      pathway,
      failed,
    });
    return renderArgumentDiagram({ diagram, format });
  }
}
