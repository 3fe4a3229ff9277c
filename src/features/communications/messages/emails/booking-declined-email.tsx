import { Text } from "@react-email/components";
import { AppointmentFacts, ReasonGiven } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { PatientEmailView } from "./email-view";
import { CalendarNote, patientFooter } from "./patient-email-parts";

export function BookingDeclinedEmail({ view }: { view: PatientEmailView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`${view.providerName} could not accept your request for ${view.when}.`}
      heading="Your request was not accepted"
      footer={patientFooter(view)}
    >
      <Text style={styles.text}>
        {view.providerName} could not accept your request for {view.when}.
      </Text>
      <ReasonGiven reason={view.reason} />
      <AppointmentFacts view={view} heading="The request" showProvider />
      <ActionButton href={view.bookAgainUrl}>{`Book another time with ${view.providerName}`}</ActionButton>
      <CalendarNote view={view} />
    </EmailLayout>
  );
}
