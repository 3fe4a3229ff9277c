import Link from "next/link";
import type { ReactNode } from "react";
import { ONBOARDING_PATH, type OnboardingStatusDto } from "../../schemas";

const TONES = {
  info: "border-sky-300 bg-sky-50 text-sky-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  danger: "border-red-300 bg-red-50 text-red-950",
  success: "border-green-300 bg-green-50 text-green-950",
} as const;

function Notice({ tone, title, children, headingLevel = 2 }: { tone: keyof typeof TONES; title: string; children: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className={`space-y-1 rounded-md border p-4 text-sm ${TONES[tone]}`}>
      <Heading className="text-base font-semibold">{title}</Heading>
      {children}
    </div>
  );
}

function Reason({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <p>
      <span className="font-medium">Reason given by our team:</span> {reason}
    </p>
  );
}

/**
 * Where the profile stands, in words, for the wizard's top and the provider dashboard (with a
 * link to the wizard there). Nothing for a draft that never came back, or before starting.
 */
export function OnboardingStateNotice({
  status,
  linkToWizard = false,
  headingLevel = 2,
}: {
  status: OnboardingStatusDto;
  linkToWizard?: boolean;
  headingLevel?: 2 | 3;
}) {
  const profile = status.profile;
  if (!profile) return null;
  const link = (text: string) =>
    linkToWizard ? (
      <p>
        <Link href={ONBOARDING_PATH} className="font-medium underline">
          {text}
        </Link>
      </p>
    ) : null;

  switch (status.state) {
    case "DRAFT":
      // A draft with a reason came back from the team; a fresh one only needs finishing.
      if (!linkToWizard && !profile.statusReason) return null;
      return (
        <Notice tone="info" title="Your provider profile is not published yet" headingLevel={headingLevel}>
          <p>Finish the steps and send your profile for review. Patients cannot find or book you until our team approves it.</p>
          <Reason reason={profile.statusReason} />
          {link("Continue your provider profile")}
        </Notice>
      );
    case "IN_REVIEW":
      return (
        <Notice tone="info" title="Your profile is waiting for review" headingLevel={headingLevel}>
          <p>
            Our team is checking your details and documents. Your public page stays unpublished until your profile is approved; you can change
            it if they send it back.
          </p>
          {link("See what you sent")}
        </Notice>
      );
    case "CHANGES_REQUESTED":
      return (
        <Notice tone="warning" title="Our team needs a new document from you" headingLevel={headingLevel}>
          <ul className="list-disc pl-5">
            {status.rejectedDocuments.map((document) => (
              <li key={document.documentTypeKey}>
                <span className="font-medium">{document.name}:</span> {document.reason}
              </li>
            ))}
          </ul>
          <p>Upload a new file for each, then send your profile for review again.</p>
          {link("Upload a new file")}
        </Notice>
      );
    case "READY_TO_RESEND":
      return (
        <Notice tone="warning" title="Send your profile for review again" headingLevel={headingLevel}>
          <p>
            Your profile changed since you last sent it{profile.submittedAt ? " (a new file)" : ""}. Our team looks at it again once you send it;
            until then it stays unpublished.
          </p>
          <Reason reason={profile.statusReason} />
          {link("Review and send again")}
        </Notice>
      );
    case "REJECTED":
      return (
        <Notice tone="danger" title="Your provider profile was not approved" headingLevel={headingLevel}>
          <Reason reason={profile.statusReason} />
          <p>It cannot be changed or sent again. Please contact support if you think this is a mistake.</p>
          {link("See your provider profile")}
        </Notice>
      );
    case "SUSPENDED":
      return (
        <Notice tone="danger" title="Your provider profile is suspended" headingLevel={headingLevel}>
          <Reason reason={profile.statusReason} />
          <p>Patients cannot find or book you while it is suspended. Please contact support.</p>
          {link("See your provider profile")}
        </Notice>
      );
    case "APPROVED":
      return linkToWizard ? null : (
        <Notice tone="success" title="Your profile is approved and published" headingLevel={headingLevel}>
          <p>
            Manage your services, hours and bookings from{" "}
            <Link href="/provider" className="font-medium underline">
              your practice dashboard
            </Link>
            .
          </p>
        </Notice>
      );
    default:
      return null;
  }
}
