import { Heading, Link, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { styles } from "./email-theme";
import type { AppointmentView, ProviderEmailView } from "./email-view";

function mapsSearchUrl(address: string): string {
  // Google's documented search URL; the address is encoded, so it can only ever be a query.
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text style={styles.fact}>
      <strong>{label}:</strong> {children}
    </Text>
  );
}

/** What, with whom, when (in the reader's zone, and locally where it happens if that differs) and where. */
export function AppointmentFacts({ view, heading, showProvider }: { view: AppointmentView; heading: string; showProvider: boolean }) {
  return (
    <Section>
      <Heading as="h2" style={styles.h2}>
        {heading}
      </Heading>
      <Fact label="What">{view.serviceName}</Fact>
      {showProvider ? <Fact label="With">{view.providerName}</Fact> : null}
      <Fact label="When">{view.when}</Fact>
      {view.eventLocalWhen ? <Fact label={view.eventLocalWhen.label}>{view.eventLocalWhen.when}</Fact> : null}
      {view.place.kind === "IN_PERSON" ? (
        <>
          <Fact label="Where">
            {view.place.name}, {view.place.address}
          </Fact>
          <Text style={styles.fact}>
            <Link href={mapsSearchUrl(`${view.place.name}, ${view.place.address}`)} style={styles.link}>
              Open the address in Google Maps
            </Link>
          </Text>
        </>
      ) : (
        <>
          <Fact label="Where">Online video call</Fact>
          {view.place.meetUrl ? (
            <Text style={styles.fact}>
              <Link href={view.place.meetUrl} style={styles.link}>
                Join the video call on Google Meet
              </Link>
            </Text>
          ) : null}
          {view.place.joinNote ? <Fact label="How to join">{view.providerName} will send you the link to the video call.</Fact> : null}
        </>
      )}
    </Section>
  );
}

/** Who booked and how to reach them: shown to the provider only. */
export function PatientFacts({ patient }: { patient: ProviderEmailView["patient"] }) {
  return (
    <Section>
      <Heading as="h2" style={styles.h2}>
        Patient
      </Heading>
      <Fact label="Name">
        {patient.name}
        {patient.isGuest ? " (booked as a guest)" : ""}
      </Fact>
      {patient.email ? (
        <Fact label="Email">
          <Link href={`mailto:${encodeURIComponent(patient.email).replace(/%40/g, "@")}`} style={styles.link}>
            {patient.email}
          </Link>
        </Fact>
      ) : null}
      {patient.phone ? (
        <Fact label="Phone">
          <Link href={`tel:${patient.phone.replace(/[^0-9+]/g, "")}`} style={styles.link}>
            {patient.phone}
          </Link>
        </Fact>
      ) : null}
    </Section>
  );
}

/** The reason someone gave, as they wrote it (escaped by React, line breaks kept). */
export function ReasonGiven({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <>
      <Text style={styles.text}>
        <strong>Reason given:</strong>
      </Text>
      <Text style={styles.quote}>{reason}</Text>
    </>
  );
}
