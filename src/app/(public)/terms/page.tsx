import type { Metadata } from "next";
import { TermsOfUse } from "@/features/privacy";

export const metadata: Metadata = { title: "Terms of use" };

export default function TermsRoute() {
  return <TermsOfUse />;
}
