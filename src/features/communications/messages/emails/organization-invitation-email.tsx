import { Link, Text } from "@react-email/components";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";

export interface OrganizationInvitationView {
  subject: string;
  /** "Priya Shah invited you" or "You have been invited" when the inviter's name is unknown. */
  inviterSentence: string;
  organizationName: string;
  /** "an admin", "a member of staff", ... */
  roleWords: string;
  acceptUrl: string;
  /** In UTC, zone named: the invitee's own zone is unknown. */
  expiresAt: string;
}

/** An invitation to join an organization's team on MedBookings, with the link to accept it. */
export function OrganizationInvitationEmail({ view }: { view: OrganizationInvitationView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`${view.inviterSentence} to join ${view.organizationName} on MedBookings as ${view.roleWords}.`}
      heading={`Join ${view.organizationName} on MedBookings`}
      footer={{
        reason: "You are getting this email because a member of this organization entered your address. If you did not expect it, you can ignore it: nothing happens unless you accept.",
        link: null,
      }}
    >
      <Text style={styles.text}>
        {view.inviterSentence} to join {view.organizationName} on MedBookings as {view.roleWords}.
      </Text>
      <Text style={styles.text}>
        To accept, open the link and sign in with this email address (a Google account with this address; signing in for the first time creates your
        MedBookings account).
      </Text>
      <ActionButton href={view.acceptUrl}>Accept the invitation</ActionButton>
      <Text style={styles.text}>
        The link works until {view.expiresAt}. After that, ask {view.organizationName} to send a new one.
      </Text>
      <Text style={styles.muted}>
        If the button does not work, copy this address into your browser:{" "}
        <Link href={view.acceptUrl} style={styles.link}>
          {view.acceptUrl}
        </Link>
      </Text>
    </EmailLayout>
  );
}
