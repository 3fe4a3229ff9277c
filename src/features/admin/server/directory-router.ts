import { router } from "@/server/trpc";

/** Finding any booking, provider or patient (reads of patient records are audited). */
export const adminDirectoryRouter = router({});
