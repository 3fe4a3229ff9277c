"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DocumentViewButton, describeContentTypes, formatMegabytes, type DocumentRequirementDto, type ProviderDocumentDto } from "@/features/onboarding";
import { cn } from "@/lib/cn";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { reviewDocumentInput } from "../../review-schemas";
import type { ProviderStatus } from "../../review-types";
import { ReasonField } from "./reason-field";
import { adminTime, DOCUMENT_STATUS_TEXT } from "./review-labels";
import { useProviderDocumentsForReview, useReviewDocument } from "./use-provider-review";

const DOCUMENT_TONE = { SUBMITTED: "bg-amber-100 text-amber-800", APPROVED: "bg-green-100 text-green-800", REJECTED: "bg-red-100 text-red-800" } as const;

interface Outcome {
  onStatus: (message: string) => void;
  onError: (message: string) => void;
}

function FileFacts({ document }: { document: ProviderDocumentDto }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-slate-600">File</dt>
      <dd className="break-all">{document.fileName}</dd>
      <dt className="text-slate-600">Detected type</dt>
      <dd>{describeContentTypes([document.contentType])}</dd>
      <dt className="text-slate-600">Size</dt>
      <dd>{formatMegabytes(document.sizeBytes)}</dd>
      <dt className="text-slate-600">Uploaded</dt>
      <dd>{adminTime(document.createdAt)}</dd>
      {document.reviewedAt ? (
        <>
          <dt className="text-slate-600">Reviewed</dt>
          <dd>{adminTime(document.reviewedAt)}</dd>
        </>
      ) : null}
      {document.reviewReason ? (
        <>
          <dt className="text-slate-600">Reason given</dt>
          <dd className="whitespace-pre-line">{document.reviewReason}</dd>
        </>
      ) : null}
    </dl>
  );
}

function DocumentStatusBadge({ document }: { document: ProviderDocumentDto }) {
  return <Badge className={cn(DOCUMENT_TONE[document.status])}>{DOCUMENT_STATUS_TEXT[document.status]}</Badge>;
}

/** Approve the file, or reject it with a reason the provider reads (which sends the profile back to them). */
function DocumentDecision({ providerId, document, documentName, outcome }: { providerId: string; document: ProviderDocumentDto; documentName: string; outcome: Outcome }) {
  const id = useId();
  const review = useReviewDocument(providerId);
  const [isRejecting, setIsRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonErrors, setReasonErrors] = useState<string[] | undefined>(undefined);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const hasOpened = useRef(false);
  // The reason takes focus when the form opens, and the button gets it back when it is cancelled.
  useEffect(() => {
    if (isRejecting) {
      hasOpened.current = true;
      reasonRef.current?.focus();
    } else if (hasOpened.current) {
      startRef.current?.focus();
    }
  }, [isRejecting]);

  const approve = () => {
    review.mutate(
      { documentId: document.id, decision: "APPROVE" },
      { onSuccess: () => outcome.onStatus(`${documentName}: ${document.fileName} approved.`), onError: (error) => outcome.onError(readFormError(error).message) },
    );
  };

  const reject = (event: FormEvent) => {
    event.preventDefault();
    const parsed = reviewDocumentInput.safeParse({ documentId: document.id, decision: "REJECT", reason });
    if (!parsed.success) {
      setReasonErrors(issuesByField(parsed.error.issues).reason);
      reasonRef.current?.focus();
      return;
    }
    setReasonErrors(undefined);
    review.mutate(parsed.data, {
      onSuccess: () => outcome.onStatus(`${documentName}: ${document.fileName} rejected. The profile went back to the provider, who was emailed the reason.`),
      onError: (error) => {
        const refused = readFormError(error);
        if (refused.fieldErrors.reason) setReasonErrors(refused.fieldErrors.reason);
        else outcome.onError(refused.message);
      },
    });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button onClick={approve} disabled={review.isPending}>
          Approve<span className="sr-only"> {documentName}</span>
        </Button>
        {!isRejecting ? (
          <Button ref={startRef} variant="secondary" onClick={() => setIsRejecting(true)} disabled={review.isPending}>
            Reject…<span className="sr-only"> {documentName}</span>
          </Button>
        ) : null}
      </div>
      {isRejecting ? (
        <form aria-label={`Reject the ${documentName}`} onSubmit={reject} noValidate className="max-w-xl space-y-2 rounded-md border border-slate-200 p-3">
          <ReasonField
            ref={reasonRef}
            id={`${id}-reason`}
            label={`Why is the ${documentName} not accepted?`}
            value={reason}
            onChange={setReason}
            errors={reasonErrors}
            disabled={review.isPending}
          />
          <p className="text-sm text-slate-700">Rejecting sends the profile back to the provider: they upload a new file and send the profile for review again.</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={review.isPending} className="bg-red-700 hover:bg-red-800">
              {review.isPending ? "Rejecting…" : "Reject file"}
              <span className="sr-only"> for {documentName}</span>
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setIsRejecting(false);
                setReasonErrors(undefined);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

function Requirement({ requirement, providerId, canDecide, outcome }: { requirement: DocumentRequirementDto; providerId: string; canDecide: boolean; outcome: Outcome }) {
  const { documentType, current, history } = requirement;
  return (
    <li className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="review-requirement">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{documentType.name}</h3>
        {current ? <DocumentStatusBadge document={current} /> : <Badge className="bg-slate-100 text-slate-700">No file yet</Badge>}
      </div>
      {current ? (
        <>
          <FileFacts document={current} />
          <DocumentViewButton documentId={current.id} label={`View ${current.fileName}`} />
          {canDecide && current.status === "SUBMITTED" ? (
            <DocumentDecision providerId={providerId} document={current} documentName={documentType.name} outcome={outcome} />
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-700">The provider has not uploaded this document.</p>
      )}
      {history.length > 0 ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold">Replaced files</h4>
          <ul className="space-y-3">
            {history.map((document) => (
              <li key={document.id} className="space-y-2 border-l-4 border-slate-200 pl-3">
                <div className="flex flex-wrap items-center gap-2">
                  <DocumentStatusBadge document={document} />
                  {document.supersededAt ? <span className="text-sm text-slate-600">Replaced {adminTime(document.supersededAt)}</span> : null}
                </div>
                <FileFacts document={document} />
                <DocumentViewButton documentId={document.id} label={`View ${document.fileName}`} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

/** The provider's verification documents, one requirement at a time, each current file decided on its own. */
export function ProviderDocumentsReview({ providerId, providerStatus }: { providerId: string; providerStatus: ProviderStatus | undefined }) {
  const documents = useProviderDocumentsForReview(providerId);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const outcome: Outcome = {
    onStatus: (message) => {
      setError("");
      setStatus(message);
    },
    onError: (message) => {
      setStatus("");
      setError(message);
    },
  };
  const summary = documents.data?.summary;

  return (
    <section aria-labelledby="review-documents-heading" className="space-y-3">
      <h2 id="review-documents-heading" className="text-xl font-semibold">
        Documents
      </h2>
      {documents.isError ? (
        <p role="alert" className="text-red-700">
          We could not load the provider&apos;s documents: {documents.error.message}
        </p>
      ) : null}
      {documents.isPending ? <p>Loading…</p> : null}
      {summary ? (
        <p className="text-sm text-slate-800">
          {summary.approved} of {summary.total} required documents approved, {summary.submitted} to review, {summary.rejected} rejected, {summary.missing.length} missing.
          {providerStatus !== "PENDING" ? " Documents are decided only while a profile waits for verification." : ""}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {status}
      </p>
      <ul className="space-y-3">
        {documents.data?.requirements.map((requirement) => (
          <Requirement key={requirement.documentType.id} requirement={requirement} providerId={providerId} canDecide={providerStatus === "PENDING"} outcome={outcome} />
        ))}
      </ul>
    </section>
  );
}
