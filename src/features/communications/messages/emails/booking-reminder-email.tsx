import { Text } from "@react-email/components";
import { AppointmentFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { PatientEmailView } from "./email-view";
import { CalendarNote, patientFooter } from "./patient-email-parts";

export function BookingReminderEmail({ view }: { view: PatientEmailView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`${view.providerName}, ${view.when}.`}
      heading={`Your appointment is ${view.leadWords}`}
      footer={patientFooter(view)}
    >
      <Text style={styles.text}>
        A reminder: your appointment with {view.providerName} is {view.leadWords}, on {view.when}.
      </Text>
      <AppointmentFacts view={view} heading="Appointment details" showProvider />
      <Text style={styles.text}>If you can no longer go, please cancel or reschedule so someone else can have the time.</Text>
      <ActionButton href={view.manageUrl}>Reschedule or cancel your booking</ActionButton>
      <CalendarNote view={view} />
    </EmailLayout>
  );
}
