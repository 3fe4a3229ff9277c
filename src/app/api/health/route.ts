import { getDatabase } from "@/server/db";
import { checkDatabaseHealth } from "@/server/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkDatabaseHealth(getDatabase().db);
  return Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
}
