import { Text } from "@react-email/components";
import { AppointmentFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { PatientEmailView } from "./email-view";
import { CalendarNote, patientFooter } from "./patient-email-parts";

export function BookingRequestedEmail({ view }: { view: PatientEmailView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`${view.providerName} will confirm or decline your request for ${view.when}.`}
      heading="Your request has been sent"
      footer={patientFooter(view)}
    >
      <Text style={styles.text}>
        We have sent your request to {view.providerName}. It is not confirmed yet: we will email you as soon as they accept or decline it.
      </Text>
      <AppointmentFacts view={view} heading="What you asked for" showProvider />
      <ActionButton href={view.manageUrl}>View or cancel your request</ActionButton>
      <CalendarNote view={view} />
    </EmailLayout>
  );
}
