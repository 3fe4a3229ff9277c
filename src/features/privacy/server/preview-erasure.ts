import type { DbExecutor } from "@/server/db/client";
import type { ErasurePreviewDto } from "../types";
import { accountNotFound, assertNotErased, loadErasureFacts } from "./erasure-guards";
import { describeErasure, erasureBlockers } from "./erasure-rules";
import { countErasureScope, findUser } from "./person-data-repository";
import { loadPerson } from "./person-scope";

export interface PreviewErasureOptions {
  db: DbExecutor;
  userId: string;
  now: Date;
}

/** What erasing now would remove and keep (with counts), and anything that must happen first. */
export async function previewErasure({ db, userId, now }: PreviewErasureOptions): Promise<ErasurePreviewDto> {
  const user = await findUser(db, userId);
  if (!user) throw accountNotFound();
  assertNotErased(user);
  const person = await loadPerson(db, user);
  const blockers = erasureBlockers(await loadErasureFacts(db, user, person.verifiedEmail, now));
  const counts = await countErasureScope(db, person.scope, user.email);
  return { canErase: blockers.length === 0, blockers, ...describeErasure(counts) };
}
