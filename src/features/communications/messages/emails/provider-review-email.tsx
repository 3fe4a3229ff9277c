import { Text } from "@react-email/components";
import type { ProviderReviewPurpose } from "../message-context";
import { ReasonGiven } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";

export interface ProviderReviewView {
  purpose: ProviderReviewPurpose;
  subject: string;
  providerName: string;
  /** Required for document_rejected, rejected and suspended (checked before this is built). */
  reason: string | null;
  documentName: string | null;
  actionUrl: string;
}

interface Copy {
  heading: string;
  /** The first paragraph, also the inbox preview. */
  lead: string;
  /** A reason quoted under "Reason given" (the document's is part of the lead instead). */
  quotedReason: string | null;
  next: string;
  action: string;
}

/** A reason as the end of a sentence: no doubled full stop. */
function asClause(reason: string): string {
  return reason.trim().replace(/[.\s]+$/, "");
}

function copyFor(view: ProviderReviewView): Copy {
  switch (view.purpose) {
    case "provider_review.document_rejected":
      return {
        heading: "A document was not accepted",
        lead: `Your ${view.documentName ?? "document"} was not accepted: ${asClause(view.reason ?? "")}.`,
        quotedReason: null,
        next: "Upload a new file and send your profile for review again. Your profile is not reviewed further until you do.",
        action: "Upload a new file",
      };
    case "provider_review.approved":
      return {
        heading: "Your profile is live",
        lead: `${view.providerName}, your provider profile on MedBookings is approved: patients can now find you in search and book the times you offer.`,
        quotedReason: null,
        next: "Check your services and opening hours, so patients see the right times.",
        action: "Open your provider page",
      };
    case "provider_review.rejected":
      return {
        heading: "Your provider profile was not approved",
        lead: `${view.providerName}, we could not approve your provider profile on MedBookings. Patients cannot find or book you.`,
        quotedReason: view.reason,
        next: "This decision is final. If you think it is a mistake, please contact MedBookings support.",
        action: "Open your provider page",
      };
    case "provider_review.suspended":
      return {
        heading: "Your provider profile is suspended",
        lead: `${view.providerName}, MedBookings has suspended your provider profile. Patients can no longer find or book you.`,
        quotedReason: view.reason,
        next: "Any of your bookings that had not started were cancelled, and their patients were told. Please contact MedBookings support to talk about the suspension.",
        action: "Open your provider page",
      };
    case "provider_review.reinstated":
      return {
        heading: "Your provider profile is live again",
        lead: `${view.providerName}, MedBookings has reinstated your provider profile: patients can find and book you again.`,
        quotedReason: null,
        next: "Bookings cancelled during the suspension stay cancelled. Check your services and opening hours, so patients see the right times.",
        action: "Open your provider page",
      };
  }
}

/** The platform's decision on a provider's document or profile, why (when there is a why), and what to do next. */
export function ProviderReviewEmail({ view }: { view: ProviderReviewView }) {
  const copy = copyFor(view);
  return (
    <EmailLayout
      title={view.subject}
      preview={copy.lead}
      heading={copy.heading}
      footer={{
        reason: "You are getting this email because you have a provider profile on MedBookings.",
        link: { href: view.actionUrl, label: "Open MedBookings" },
      }}
    >
      <Text style={styles.text}>{copy.lead}</Text>
      <ReasonGiven reason={copy.quotedReason} />
      <Text style={styles.text}>{copy.next}</Text>
      <ActionButton href={view.actionUrl}>{copy.action}</ActionButton>
    </EmailLayout>
  );
}
