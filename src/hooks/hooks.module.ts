import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { AlertHookService } from './alert-hook.service';
import { AlertmanagerController } from './alertmanager.controller';

/** Monitoring hooks: status changes from the tools that watch the controls. */
@Module({
  imports: [CaseGraphModule],
  controllers: [AlertmanagerController],
  providers: [AlertHookService],
})
export class HooksModule {}
