import type { Session } from "next-auth";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailableError, type Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import type { Logger } from "@/server/logger/logger";
import type { RateLimiter } from "@/server/rate-limit/rate-limiter";
import { requestMetaFromHeaders } from "@/server/trpc/context";
import { UNAVAILABLE_MESSAGE } from "@/server/trpc/error-map";
import type { ProviderDocumentDto } from "../../types";
import { beginDocumentUpload } from "./begin-document-upload";
import { MULTIPART_OVERHEAD_BYTES, multipartBoundary, readMultipartBody } from "./multipart-body";
import { storeProviderDocument } from "./store-provider-document";
import { assertOwnProfile, fileTooLargeError, requiredTypeFor } from "./upload-guards";

export interface HandleDocumentUploadOptions {
  request: Request;
  /** Looked up only for a same-site request. */
  getSession: () => Promise<Session | null>;
  db: Database;
  /** A client of the PRIVATE store. */
  blob: BlobClient;
  rateLimiter: RateLimiter;
  trustedProxyHops: number;
  /** The app's own origin (scheme, host, port): uploads from pages elsewhere are refused. */
  appOrigin: string;
  logger: Logger;
  now: Date;
}

/** The route's JSON answer to a refused upload. */
export interface UploadErrorBody {
  error: { code: string; message: string; field: string | null };
}

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTEGRATION_UNAVAILABLE: 503,
  UNAVAILABLE: 503,
};

function errorResponse(status: number, code: string, message: string, field: string | null, headers: Record<string, string> = {}): Response {
  const body: UploadErrorBody = { error: { code, message, field } };
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

function fromAppError(error: AppError): Response {
  const field = Object.keys(error.details?.fieldErrors ?? {})[0] ?? null;
  const override = error.details?.httpStatus;
  const status = typeof override === "number" ? override : (STATUS_BY_CODE[error.code] ?? 500);
  const headers: Record<string, string> = {};
  if (error.code === "RATE_LIMITED") headers["Retry-After"] = String(error.details?.retryAfterSeconds ?? 1);
  if (status === 503) headers["Retry-After"] ??= "5";
  return errorResponse(status, error.code, error.message, field, headers);
}

/** A form post from another site (or a sandboxed page) carrying the provider's cookies. */
function isCrossSite(headers: Headers, appOrigin: string): boolean {
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  return origin !== null && origin !== appOrigin;
}

function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length");
  return value !== null && /^[0-9]{1,15}$/.test(value) ? Number(value) : null;
}

function singleText(form: FormData, name: string): string | undefined {
  const values = form.getAll(name);
  if (values.length > 1) throw new AppError("VALIDATION", `Send the ${name} field once.`, { fieldErrors: { [name]: [`Send the ${name} field once.`] } });
  const [value] = values;
  return typeof value === "string" ? value : undefined;
}

const UNREADABLE = "The upload could not be read: send it as multipart/form-data with the fields documentTypeId and file.";

async function upload(options: HandleDocumentUploadOptions): Promise<Response> {
  const { request, db, now } = options;
  if (isCrossSite(request.headers, options.appOrigin)) {
    return errorResponse(403, "FORBIDDEN", "Documents can be uploaded only from MedBookings' own pages.", null);
  }
  const session = await options.getSession();
  if (session === null) return errorResponse(401, "UNAUTHORIZED", "Sign in to upload documents.", null);
  const userId = session.user.id;

  const target = await beginDocumentUpload({ db, userId });
  await options.rateLimiter.consume("document-upload:user", `user:${userId}`);

  const boundary = multipartBoundary(request.headers.get("content-type"));
  if (boundary === null) return errorResponse(415, "VALIDATION", UNREADABLE, null);
  const largest = Math.max(0, ...target.requiredTypes.map((type) => type.maxBytes));
  const body = await readMultipartBody({
    body: request.body,
    boundary,
    declaredLength: declaredLength(request.headers),
    limit: (fields) => {
      if (fields === null || !fields.has("documentTypeId")) {
        return { maxBytes: largest + MULTIPART_OVERHEAD_BYTES, tooLarge: () => fileTooLargeError(null, largest) };
      }
      // The small fields came first: refuse a wrong profile or type before the file is read,
      // and cap the body at this type's own limit.
      assertOwnProfile(target.provider, fields.get("providerId"));
      const type = requiredTypeFor(target.requiredTypes, fields.get("documentTypeId"));
      return { maxBytes: type.maxBytes + MULTIPART_OVERHEAD_BYTES, tooLarge: () => fileTooLargeError(type, type.maxBytes) };
    },
  });

  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return errorResponse(400, "VALIDATION", UNREADABLE, null);
  }
  const files = form.getAll("file");
  const [file] = files;
  if (files.length !== 1 || file === undefined || typeof file === "string") {
    return errorResponse(400, "VALIDATION", "Choose one file to upload.", "file");
  }
  const document = await storeProviderDocument({
    db,
    blob: options.blob,
    target,
    actorUserId: userId,
    input: {
      documentTypeId: singleText(form, "documentTypeId"),
      providerId: singleText(form, "providerId"),
      file: { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) },
    },
    origin: requestMetaFromHeaders(request.headers, options.trustedProxyHops),
    now,
  });
  const created: { document: ProviderDocumentDto } = { document };
  return Response.json(created, { status: 201, headers: NO_STORE });
}

/**
 * POST /api/provider-documents: a provider uploads one verification file (multipart/form-data:
 * documentTypeId, file, optional providerId). 201 with the stored document, or a JSON refusal
 * `{ error: { code, message, field } }` with nothing stored.
 */
export async function handleDocumentUpload(options: HandleDocumentUploadOptions): Promise<Response> {
  try {
    return await upload(options);
  } catch (error) {
    if (error instanceof AppError) return fromAppError(error);
    if (isDatabaseUnavailableError(error)) return errorResponse(503, "UNAVAILABLE", UNAVAILABLE_MESSAGE, null, { "Retry-After": "5" });
    options.logger.error({ event: "provider_document.upload_failed", err: error }, "document upload failed");
    return errorResponse(500, "INTERNAL", "Something went wrong on our side. Please try again.", null);
  }
}
