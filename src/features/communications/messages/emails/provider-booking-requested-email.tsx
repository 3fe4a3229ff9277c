import { Text } from "@react-email/components";
import { AppointmentFacts, PatientFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { ProviderEmailView } from "./email-view";
import { providerFooter } from "./provider-email-parts";

export function ProviderBookingRequestedEmail({ view }: { view: ProviderEmailView }) {
  return (
    <EmailLayout title={view.subject} preview={`${view.serviceName}, ${view.when}. Accept or decline it.`} heading="New booking request" footer={providerFooter(view)}>
      <Text style={styles.text}>
        {view.patient.name} asked for {view.serviceName} on {view.when}. The time is held until you accept or decline.
      </Text>
      <AppointmentFacts view={view} heading="Requested appointment" showProvider={false} />
      <PatientFacts patient={view.patient} />
      <ActionButton href={view.providerUrl}>Accept or decline the request</ActionButton>
    </EmailLayout>
  );
}
