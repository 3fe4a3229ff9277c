import { Text } from "@react-email/components";
import { AppointmentFacts, PatientFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { ProviderEmailView } from "./email-view";
import { providerFooter } from "./provider-email-parts";

export function ProviderBookingConfirmedEmail({ view }: { view: ProviderEmailView }) {
  return (
    <EmailLayout title={view.subject} preview={`${view.serviceName}, ${view.when}.`} heading="New booking" footer={providerFooter(view)}>
      <Text style={styles.text}>
        {view.patient.name} is booked for {view.serviceName} on {view.when}.
      </Text>
      <AppointmentFacts view={view} heading="Appointment" showProvider={false} />
      <PatientFacts patient={view.patient} />
      <ActionButton href={view.providerUrl}>Open the booking</ActionButton>
    </EmailLayout>
  );
}
