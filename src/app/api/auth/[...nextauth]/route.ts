import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth";

function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(req, context);
}

export { handler as GET, handler as POST };
