import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { AlertHookService } from '../../case/alerts/alert-hook.service';
import { AlertmanagerController } from '../../api/http/alertmanager.controller';

/** Monitoring hooks: status changes from the tools that watch the controls. */
@Module({
  imports: [CaseGraphModule],
  controllers: [AlertmanagerController],
  providers: [AlertHookService],
})
export class HooksModule {}
