import { Text } from "@react-email/components";
import { AppointmentFacts, PatientFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { ProviderEmailView } from "./email-view";
import { providerFooter } from "./provider-email-parts";

export function ProviderBookingRescheduledEmail({ view }: { view: ProviderEmailView }) {
  return (
    <EmailLayout title={view.subject} preview={`${view.serviceName}, now ${view.when}.`} heading="Booking moved" footer={providerFooter(view)}>
      <Text style={styles.text}>
        {view.patient.name}&apos;s {view.serviceName} has moved to a new time.
      </Text>
      <Text style={styles.fact}>
        <strong>New time:</strong> {view.when}
      </Text>
      <Text style={styles.text}>
        <strong>Was:</strong> <del>{view.previousWhen}</del>
      </Text>
      <AppointmentFacts view={view} heading="Appointment" showProvider={false} />
      <PatientFacts patient={view.patient} />
      <ActionButton href={view.providerUrl}>Open the booking</ActionButton>
    </EmailLayout>
  );
}
