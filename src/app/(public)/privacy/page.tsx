import type { Metadata } from "next";
import { PrivacyNotice } from "@/features/privacy";

export const metadata: Metadata = { title: "Privacy notice" };

export default function PrivacyNoticeRoute() {
  return <PrivacyNotice />;
}
