import { Text } from "@react-email/components";
import { AppointmentFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { PatientEmailView } from "./email-view";
import { CalendarNote, patientFooter } from "./patient-email-parts";

export function BookingConfirmedEmail({ view }: { view: PatientEmailView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`${view.providerName}, ${view.when}.`}
      heading="Your appointment is confirmed"
      footer={patientFooter(view)}
    >
      <Text style={styles.text}>
        {view.providerName} is expecting you on {view.when}.
      </Text>
      <AppointmentFacts view={view} heading="Appointment details" showProvider />
      <ActionButton href={view.manageUrl}>Reschedule or cancel your booking</ActionButton>
      <CalendarNote view={view} />
    </EmailLayout>
  );
}
