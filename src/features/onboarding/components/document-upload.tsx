"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { describedBy } from "@/components/ui/field-error";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/react";
import { acceptAttribute, describeContentTypes, fileNameProblem, formatMegabytes } from "../document-files";
import type { DocumentStatus, DocumentTypeDto, ProviderDocumentDto } from "../types";
import { DocumentViewButton } from "./document-view-button";

export interface DocumentUploadProps {
  documentType: DocumentTypeDto;
  /** The file currently answering this requirement, if any. */
  current: ProviderDocumentDto | null;
  /** While the profile does not take documents (or the page is busy). */
  disabled?: boolean;
  /** After a file was stored; it is now the current one. */
  onUploaded: (document: ProviderDocumentDto) => void;
}

const UPLOAD_URL = "/api/provider-documents";

const STATUS_TEXT: Record<DocumentStatus, string> = {
  SUBMITTED: "Waiting for review",
  APPROVED: "Approved",
  REJECTED: "Not accepted",
};

const STATUS_TONE: Record<DocumentStatus, string> = {
  SUBMITTED: "bg-amber-100 text-amber-800",
  APPROVED: "bg-green-100 text-green-800",
  REJECTED: "bg-red-100 text-red-800",
};

type WireDocument = Omit<ProviderDocumentDto, "reviewedAt" | "createdAt" | "supersededAt"> & {
  reviewedAt: string | null;
  createdAt: string;
  supersededAt: string | null;
};

/** The route answers in plain JSON: its dates arrive as strings. */
function fromWire(document: WireDocument): ProviderDocumentDto {
  return {
    ...document,
    reviewedAt: document.reviewedAt === null ? null : new Date(document.reviewedAt),
    createdAt: new Date(document.createdAt),
    supersededAt: document.supersededAt === null ? null : new Date(document.supersededAt),
  };
}

function fallbackMessage(status: number): string {
  if (status === 401) return "Your session has ended. Sign in again, then upload the file.";
  if (status === 413) return "The file is too large.";
  if (status === 429) return "Too many uploads. Please wait a while and try again.";
  if (status >= 500) return "The file could not be stored right now. Please try again in a moment.";
  return "The file was not accepted. Please check it and try again.";
}

async function uploadDocument(documentTypeId: string, file: File): Promise<ProviderDocumentDto> {
  const form = new FormData();
  // Before the file: the server learns the type first and reads no more than its limit.
  form.append("documentTypeId", documentTypeId);
  form.append("file", file);
  let response: Response;
  try {
    response = await fetch(UPLOAD_URL, { method: "POST", body: form, credentials: "same-origin", headers: { accept: "application/json" } });
  } catch {
    throw new Error("The upload did not reach MedBookings. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => null)) as { document?: WireDocument; error?: { message?: string } } | null;
  if (!response.ok || body?.document === undefined) throw new Error(body?.error?.message ?? fallbackMessage(response.status));
  return fromWire(body.document);
}

/** Why a chosen file would be refused, checked before sending it (the server checks everything again). */
function localProblem(file: File, documentType: DocumentTypeDto): string | null {
  if (file.size === 0) return "The file is empty. Choose the scan or photo of your document again.";
  if (file.size > documentType.maxBytes) {
    return `The file is too large: the ${documentType.name.toLowerCase()} may be at most ${formatMegabytes(documentType.maxBytes)}. Choose a smaller file, for example a PDF or a photo at a lower resolution.`;
  }
  return fileNameProblem(file.name);
}

/** One verification document: what is on file, and a file input to send it (or a replacement). */
export function DocumentUpload({ documentType, current, disabled = false, onUploaded }: DocumentUploadProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const ids = { heading: `${id}-heading`, input: `${id}-file`, hint: `${id}-hint`, error: `${id}-error` };
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");

  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocument(documentType.id, chosen),
    onSuccess: async (document) => {
      setStatus(`${document.fileName} was uploaded and is waiting for review.`);
      setFile(null);
      if (inputRef.current) inputRef.current.value = "";
      onUploaded(document);
      await queryClient.invalidateQueries({ queryKey: trpc.providerDocuments.mine.queryKey() });
    },
    onError: (failure) => setError(failure.message),
  });

  const isApproved = current?.status === "APPROVED";
  const isLocked = disabled || isApproved;
  const accepted = describeContentTypes(documentType.acceptedContentTypes);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    if (file === null) {
      setError("Choose a file first.");
      inputRef.current?.focus();
      return;
    }
    const problem = localProblem(file, documentType);
    if (problem !== null) {
      setError(problem);
      inputRef.current?.focus();
      return;
    }
    setError("");
    upload.mutate(file);
  };

  return (
    <section aria-labelledby={ids.heading} className="space-y-3 rounded-md border border-slate-200 p-4">
      <h3 id={ids.heading} className="text-base font-semibold">
        {documentType.name}
      </h3>
      {documentType.description ? <p className="text-sm text-slate-700">{documentType.description}</p> : null}

      {current === null ? (
        <p className="text-sm text-slate-700">No file uploaded yet.</p>
      ) : (
        <div className="space-y-2 text-sm">
          <p>
            On file: <span className="font-medium">{current.fileName}</span> ({formatMegabytes(current.sizeBytes)}){" "}
            <Badge className={cn(STATUS_TONE[current.status])}>{STATUS_TEXT[current.status]}</Badge>
          </p>
          {current.status === "REJECTED" && current.reviewReason ? (
            <p className="text-red-800">
              <span className="font-medium">Why it was not accepted:</span> {current.reviewReason} Upload a new file to replace it.
            </p>
          ) : null}
          {isApproved ? <p className="text-slate-700">This document is approved and cannot be replaced.</p> : null}
          <DocumentViewButton documentId={current.id} label={`View ${current.fileName}`} />
        </div>
      )}

      {isApproved ? null : (
        <form onSubmit={onSubmit} noValidate className="space-y-2" aria-busy={upload.isPending}>
          <label htmlFor={ids.input} className="block text-sm font-medium">
            {current === null ? `Choose your ${documentType.name.toLowerCase()}` : `Replace your ${documentType.name.toLowerCase()}`}
          </label>
          <input
            ref={inputRef}
            id={ids.input}
            name="file"
            type="file"
            accept={acceptAttribute(documentType.acceptedContentTypes)}
            disabled={isLocked || upload.isPending}
            aria-invalid={error !== ""}
            aria-describedby={describedBy(ids.hint, error !== "" && ids.error)}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setError("");
              setStatus("");
            }}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          />
          <p id={ids.hint} className="text-xs text-slate-600">
            A {accepted} file of at most {formatMegabytes(documentType.maxBytes)}. The file&apos;s content is checked, not just its name.
          </p>
          {error !== "" ? (
            <p id={ids.error} role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={isLocked || upload.isPending}>
              {upload.isPending ? "Uploading…" : "Upload"}
            </Button>
            <p role="status" className="text-sm text-green-800">
              {upload.isPending && file !== null ? `Uploading ${file.name}…` : status}
            </p>
          </div>
        </form>
      )}
    </section>
  );
}
