"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { DocumentUpload } from "../document-upload";
import { useMyDocuments, useRefreshAfterUpload } from "./use-onboarding";

/**
 * The documents step: each required document through DocumentUpload, which shows the file on
 * record and its state (waiting for review, approved, or not accepted with the team's reason)
 * and takes a new file.
 */
export function DocumentsStep({ canEdit, onContinue }: { canEdit: boolean; onContinue: (message: string) => void }) {
  const documents = useMyDocuments(true);
  const refresh = useRefreshAfterUpload();
  const hintId = useId();

  if (documents.isPending) return <p role="status">Loading your documents…</p>;
  if (documents.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load your documents: {documents.error.message}
      </p>
    );
  }
  const { requirements, summary } = documents.data;
  const uploaded = summary.total - summary.missing.length;
  return (
    <div className="space-y-4">
      <p className="max-w-2xl text-slate-700">
        Our team checks these before your profile is published. Files are kept private: only you and our verification team can open them.
      </p>
      <p className="text-sm text-slate-700">
        {uploaded} of {summary.total} uploaded
        {summary.approved > 0 ? `, ${summary.approved} approved` : ""}
        {summary.rejected > 0 ? `, ${summary.rejected} not accepted` : ""}.
      </p>
      <ul className="space-y-3" aria-label="Required documents">
        {requirements.map(({ documentType, current }) => (
          <li key={documentType.id}>
            <DocumentUpload documentType={documentType} current={current} disabled={!canEdit} onUploaded={() => refresh()} />
          </li>
        ))}
      </ul>
      <div className="space-y-1">
        <Button
          disabled={!summary.readyToSubmit}
          aria-describedby={summary.readyToSubmit ? undefined : hintId}
          onClick={() => onContinue("Documents ready for review.")}
        >
          Continue
        </Button>
        {summary.readyToSubmit ? null : (
          <p id={hintId} className="text-sm text-slate-600">
            Upload a file for every document{summary.rejected > 0 ? ", replacing those not accepted," : ""} to continue.
          </p>
        )}
      </div>
    </div>
  );
}
