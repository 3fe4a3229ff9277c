import type { DbExecutor } from "@/server/db/client";
import type { PatientBookingDto } from "../types";
import { findBookingsOfPatient, findUserContact } from "./bookings-repository";

export interface ListMyBookingsOptions {
  db: DbExecutor;
  userId: string;
  page: number;
  pageSize: number;
  now: Date;
}

export async function listMyBookings({ db, userId, page, pageSize, now }: ListMyBookingsOptions) {
  const account = await findUserContact(db, userId);
  const verifiedEmail = account?.emailVerified ? account.email : null;
  const { items, total } = await findBookingsOfPatient(db, { userId, verifiedEmail }, { offset: (page - 1) * pageSize, limit: pageSize }, now);
  return { items: items as PatientBookingDto[], page, pageSize, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
