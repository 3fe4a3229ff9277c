import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { styles } from "./email-theme";

export interface VerificationEmailView {
  subject: string;
  code: string;
  /** "10:45 on Tuesday 3 March 2026 (Europe/London, GMT)" */
  expiresAt: string;
  /** "10 minutes" */
  validFor: string;
  appUrl: string;
}

export function VerificationCodeEmail({ view }: { view: VerificationEmailView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`Enter ${view.code} to confirm your email address. It expires in ${view.validFor}.`}
      heading="Your confirmation code"
      footer={{
        reason: "You are getting this email because this address was entered to book an appointment on MedBookings.",
        link: { href: view.appUrl, label: "Go to MedBookings" },
      }}
    >
      <Text style={styles.text}>Enter this code on MedBookings to confirm your email address:</Text>
      <Text style={styles.code}>{view.code}</Text>
      <Text style={styles.text}>
        It expires in {view.validFor}, at {view.expiresAt}.
      </Text>
      <Text style={styles.text}>If you did not ask for this, ignore this email: nothing is booked without the code. Never share the code with anyone.</Text>
    </EmailLayout>
  );
}
