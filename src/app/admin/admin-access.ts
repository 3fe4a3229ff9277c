import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getSession } from "@/server/auth";

/** Every admin page calls this first (layouts render in parallel with pages, so the page guards). */
export async function requireAdmin(path: string): Promise<void> {
  const session = await getSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (session.user.role !== "ADMIN") forbidden();
}
