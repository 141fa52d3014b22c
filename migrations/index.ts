import { InitialSchema1795470982896 } from './1795470982896-InitialSchema';
import { AddStatusHistory1795474466260 } from './1795474466260-AddStatusHistory';
import { AddAlertState1795475051240 } from './1795475051240-AddAlertState';
import { AddEvidenceValidUntil1795475374724 } from './1795475374724-AddEvidenceValidUntil';
import { AddAccessTokens1795479933377 } from './1795479933377-AddAccessTokens';
import { AddAuditLog1795481869013 } from './1795481869013-AddAuditLog';
import { AddRestrictedNodes1795483443746 } from './1795483443746-AddRestrictedNodes';
import { NotifyReportChanges1795501653048 } from './1795501653048-NotifyReportChanges';
import { AddEventProbability1796524255474 } from './1796524255474-AddEventProbability';
import { AddReportIteration1796600000000 } from './1796600000000-AddReportIteration';
import { AddReviews1796700000000 } from './1796700000000-AddReviews';
import { AddReviewShares1796710000000 } from './1796710000000-AddReviewShares';
import { ReviewTokensAndRequests1796720000000 } from './1796720000000-ReviewTokensAndRequests';
import { AddScenarios1796730000000 } from './1796730000000-AddScenarios';
import { AddVerificationAndConfirmation1796740000000 } from './1796740000000-AddVerificationAndConfirmation';
import { IndexCaseLinkFrom1796750000000 } from './1796750000000-IndexCaseLinkFrom';

/** Every migration, in order. Listed explicitly so one config works everywhere. */
export const MIGRATIONS = [
  InitialSchema1795470982896,
  AddStatusHistory1795474466260,
  AddAlertState1795475051240,
  AddEvidenceValidUntil1795475374724,
  AddAccessTokens1795479933377,
  AddAuditLog1795481869013,
  AddRestrictedNodes1795483443746,
  NotifyReportChanges1795501653048,
  AddEventProbability1796524255474,
  AddReportIteration1796600000000,
  AddReviews1796700000000,
  AddReviewShares1796710000000,
  ReviewTokensAndRequests1796720000000,
  AddScenarios1796730000000,
  AddVerificationAndConfirmation1796740000000,
  IndexCaseLinkFrom1796750000000,
];
