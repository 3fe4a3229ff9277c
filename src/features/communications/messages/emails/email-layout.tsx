import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { styles } from "./email-theme";

export interface EmailFooter {
  /** Why this person gets this email. */
  reason: string;
  /** Where they manage what it is about (their booking, the provider's bookings page). */
  link: { href: string; label: string } | null;
}

export interface EmailLayoutProps {
  /** The subject, repeated as the document title for screen readers and browser previews. */
  title: string;
  /** The inbox preview line. */
  preview: string;
  heading: string;
  footer: EmailFooter;
  children: ReactNode;
}

/** The frame every email shares: brand, one h1, the message, then why you get it and where to manage it. */
export function EmailLayout({ title, preview, heading, footer, children }: EmailLayoutProps) {
  return (
    // Only English copy exists yet: the document says so whatever language was asked for.
    <Html lang="en" dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>MedBookings</Text>
          <Heading as="h1" style={styles.h1}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          <Section>
            <Text style={styles.muted}>{footer.reason}</Text>
            {footer.link ? (
              <Text style={styles.muted}>
                <Link href={footer.link.href} style={styles.link}>
                  {footer.link.label}
                </Link>
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** The one main action of a message; its words say where it goes. */
export function ActionButton({ href, children }: { href: string; children: string }) {
  return (
    <Button href={href} style={styles.button}>
      {children}
    </Button>
  );
}
