import { randomMeetCode } from "./ids";
import { apiError } from "./errors";

/**
 * Google creates a Meet conference asynchronously: the event first carries
 * `createRequest.status.statusCode: "pending"` and later `success` with the link.
 */
export interface Conference {
  requestId: string;
  status: "pending" | "success" | "failure";
  /** What it settles to at readyAt: `failure` when a test or the inbox asked for failures. */
  outcome: "success" | "failure";
  readyAt: number;
  meetingCode: string;
}

export interface CreateRequestInput {
  requestId?: unknown;
  conferenceSolutionKey?: { type?: unknown };
}

/** Returns the conference the event should carry after a write with conferenceDataVersion=1. */
export function requestConference(
  existing: Conference | undefined,
  createRequest: CreateRequestInput,
  readyAt: number,
  outcome: Conference["outcome"] = "success",
): Conference {
  if (typeof createRequest.requestId !== "string" || createRequest.requestId.length === 0) {
    throw apiError(400, "invalid", "Invalid conference create request: requestId is required.");
  }
  const type = createRequest.conferenceSolutionKey?.type;
  if (type !== undefined && type !== "hangoutsMeet") {
    throw apiError(400, "invalid", `Invalid conference type value: ${String(type)}.`);
  }
  // A repeated requestId is the same request retried: Google ignores it.
  if (existing?.requestId === createRequest.requestId) return existing;
  return { requestId: createRequest.requestId, status: "pending", outcome, readyAt, meetingCode: randomMeetCode() };
}

export function settleConference(conference: Conference, now: number): boolean {
  if (conference.status !== "pending" || conference.readyAt > now) return false;
  conference.status = conference.outcome;
  return true;
}

export function conferenceResource(conference: Conference) {
  const createRequest = {
    requestId: conference.requestId,
    conferenceSolutionKey: { type: "hangoutsMeet" },
    status: { statusCode: conference.status },
  };
  if (conference.status !== "success") return { conferenceData: { createRequest } };
  const uri = `https://meet.google.com/${conference.meetingCode}`;
  return {
    hangoutLink: uri,
    conferenceData: {
      createRequest,
      entryPoints: [{ entryPointType: "video", uri, label: `meet.google.com/${conference.meetingCode}` }],
      conferenceSolution: {
        key: { type: "hangoutsMeet" },
        name: "Google Meet",
        iconUri: "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png",
      },
      conferenceId: conference.meetingCode,
    },
  };
}
