import type { DocumentRequirementDto, RequirementsSummary } from "./types";

/** Counts of a provider's requirements by the state of their current file. */
export function summarizeRequirements(requirements: readonly DocumentRequirementDto[]): RequirementsSummary {
  const summary = { total: requirements.length, approved: 0, submitted: 0, rejected: 0, missing: [] as string[] };
  for (const requirement of requirements) {
    const status = requirement.current?.status;
    if (status === undefined) summary.missing.push(requirement.documentType.key);
    else if (status === "APPROVED") summary.approved += 1;
    else if (status === "SUBMITTED") summary.submitted += 1;
    else summary.rejected += 1;
  }
  return {
    ...summary,
    readyToSubmit: summary.missing.length === 0 && summary.rejected === 0,
    allApproved: summary.approved === summary.total,
  };
}
