import type { Metadata } from "next";
import { ProviderTerms } from "@/features/privacy";

export const metadata: Metadata = { title: "Provider terms" };

export default function ProviderTermsRoute() {
  return <ProviderTerms />;
}
