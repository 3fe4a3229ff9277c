import { Text } from "@react-email/components";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";

export interface ProviderNetworkInvitationView {
  subject: string;
  inviterSentence: string;
  organizationName: string;
  networkUrl: string;
}

/** An organization invited a provider to its network: what that means and where to answer. */
export function OrganizationProviderInvitationEmail({ view }: { view: ProviderNetworkInvitationView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`${view.inviterSentence} to join the provider network of ${view.organizationName}.`}
      heading={`${view.organizationName} invited you to its network`}
      footer={{
        reason: "You are getting this email because you have a provider profile on MedBookings.",
        link: { href: view.networkUrl, label: "See your organizations on MedBookings" },
      }}
    >
      <Text style={styles.text}>
        {view.inviterSentence} to join the provider network of {view.organizationName} on MedBookings.
      </Text>
      <Text style={styles.text}>
        Nothing changes until you answer. Accept or decline on your organizations page on MedBookings.
      </Text>
      <ActionButton href={view.networkUrl}>Answer the invitation</ActionButton>
    </EmailLayout>
  );
}
