export { PrivacyAndData, ERASED_REDIRECT, EXPORT_URL } from "./components/privacy-and-data";
export { ErasedNotice } from "./components/erased-notice";
export { PrivacyNotice } from "./components/legal/privacy-notice";
export { TermsOfUse } from "./components/legal/terms-of-use";
export { ProviderTerms } from "./components/legal/provider-terms";
export { CONSENT_SUBJECTS, consentAnswerLabel, consentSourceLabel, versionDateLabel } from "./privacy-labels";
export { ERASE_CONFIRMATION, eraseAccountInput, type EraseAccountInput } from "./schemas";
export type {
  ConsentRecordDto,
  ErasureBlocker,
  ErasureCounts,
  ErasurePreviewDto,
  ErasureResultDto,
  ExportSummaryDto,
  MyConsentsDto,
  PersonalDataExport,
} from "./types";
