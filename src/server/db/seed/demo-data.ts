/**
 * The demo world `npm run dev` seeds: practices in four cities and time zones (two of them with
 * half-hour offsets), twenty approved providers, a patient and an administrator. Every demo
 * person is also an account on the local Google emulator's consent page.
 */

export const DEMO_DOMAIN = "demo.medbookings.test";

export interface DemoAccount {
  email: string;
  name: string;
}

export const DEMO_PATIENT: DemoAccount = { email: `patient@${DEMO_DOMAIN}`, name: "Alex Morgan" };
export const DEMO_SECOND_PATIENT: DemoAccount = { email: `sam.patient@${DEMO_DOMAIN}`, name: "Sam Rivera" };
export const DEMO_ADMIN: DemoAccount = { email: `admin@${DEMO_DOMAIN}`, name: "Dana Admin" };
/**
 * A Google account the seed does not create: signing in with it is a first visit, so a new
 * user can be tried (e.g. someone who opens a practice, or accepts an invitation).
 */
export const DEMO_NEWCOMER: DemoAccount = { email: `noor.haddad@${DEMO_DOMAIN}`, name: "Noor Haddad" };
/** A second Google account the seed does not create: a clinician who signs up to offer care. */
export const DEMO_APPLICANT: DemoAccount = { email: `amara.okafor@${DEMO_DOMAIN}`, name: "Dr. Amara Okafor" };

export const DEMO_SPECIALTIES = [
  { slug: "general-practice", name: "General practice" },
  { slug: "cardiology", name: "Cardiology" },
  { slug: "dermatology", name: "Dermatology" },
  { slug: "pediatrics", name: "Pediatrics" },
  { slug: "psychiatry", name: "Psychiatry" },
  { slug: "psychology", name: "Psychology" },
  { slug: "physiotherapy", name: "Physiotherapy" },
  { slug: "dentistry", name: "Dentistry" },
  { slug: "gynecology", name: "Gynecology" },
  { slug: "nutrition", name: "Nutrition" },
] as const;

export type DemoSpecialty = (typeof DEMO_SPECIALTIES)[number]["slug"];

/**
 * Documents only some specialties must send, on top of the three every provider sends
 * (migration 0012): a provider who chooses one of `requiredFor` sees it in onboarding.
 */
export const DEMO_SPECIALTY_DOCUMENTS: {
  key: string;
  name: string;
  description: string;
  acceptedContentTypes: string[];
  maxBytes: number;
  sortOrder: number;
  requiredFor: DemoSpecialty[];
}[] = [
  {
    key: "enhanced-criminal-record-check",
    name: "Enhanced criminal record check",
    description: "A certificate issued in the last three years (e.g. an enhanced DBS check) for work with children.",
    acceptedContentTypes: ["application/pdf", "image/png", "image/jpeg"],
    maxBytes: 10_485_760,
    sortOrder: 40,
    requiredFor: ["pediatrics"],
  },
];

export interface DemoOrganization {
  slug: string;
  name: string;
  description: string;
  locations: {
    name: string;
    formattedAddress: string;
    googlePlaceId: string;
    latitude: number;
    longitude: number;
    timeZone: string;
    /** Which public holidays the location is offered (ISO 3166-1 alpha-2, ISO 3166-2). */
    countryCode: string;
    regionCode: string;
  }[];
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    slug: "harbour-health-london",
    name: "Harbour Health",
    description: "Family and specialist care in central London.",
    locations: [
      {
        name: "Harbour Health King's Cross",
        formattedAddress: "14 Pancras Square, London N1C 4AG, United Kingdom",
        googlePlaceId: "demo-place-london-kings-cross",
        latitude: 51.5357,
        longitude: -0.1257,
        timeZone: "Europe/London",
        countryCode: "GB",
        regionCode: "GB-ENG",
      },
      {
        name: "Harbour Health Southbank",
        formattedAddress: "20 Belvedere Road, London SE1 7GP, United Kingdom",
        googlePlaceId: "demo-place-london-southbank",
        latitude: 51.5033,
        longitude: -0.1164,
        timeZone: "Europe/London",
        countryCode: "GB",
        regionCode: "GB-ENG",
      },
    ],
  },
  {
    slug: "hudson-medical-new-york",
    name: "Hudson Medical Group",
    description: "Multispecialty practice in Manhattan.",
    locations: [
      {
        name: "Hudson Medical Midtown",
        formattedAddress: "350 5th Ave, New York, NY 10118, USA",
        googlePlaceId: "demo-place-nyc-midtown",
        latitude: 40.7484,
        longitude: -73.9857,
        timeZone: "America/New_York",
        countryCode: "US",
        regionCode: "US-NY",
      },
    ],
  },
  {
    slug: "sahyadri-clinic-mumbai",
    name: "Sahyadri Clinic",
    description: "Outpatient clinic in Bandra, Mumbai.",
    locations: [
      {
        name: "Sahyadri Clinic Bandra",
        formattedAddress: "Hill Road, Bandra West, Mumbai, Maharashtra 400050, India",
        googlePlaceId: "demo-place-mumbai-bandra",
        latitude: 19.0544,
        longitude: 72.8406,
        timeZone: "Asia/Kolkata",
        countryCode: "IN",
        regionCode: "IN-MH",
      },
    ],
  },
  {
    slug: "torrens-health-adelaide",
    name: "Torrens Health",
    description: "Allied health and general practice in Adelaide.",
    locations: [
      {
        name: "Torrens Health North Terrace",
        formattedAddress: "North Terrace, Adelaide SA 5000, Australia",
        googlePlaceId: "demo-place-adelaide-north-terrace",
        latitude: -34.9205,
        longitude: 138.6007,
        timeZone: "Australia/Adelaide",
        countryCode: "AU",
        regionCode: "AU-SA",
      },
    ],
  },
];

export interface DemoProvider {
  name: string;
  organization: string;
  specialties: DemoSpecialty[];
  languages: string[];
  timeZone: string;
  bio: string;
  services: { name: string; durationMinutes: number; priceMinor: number; currency: string; isOnline: boolean; isInPerson: boolean }[];
}

const gp = (currency: string, price: number) => [
  { name: "General consultation", durationMinutes: 20, priceMinor: price, currency, isOnline: true, isInPerson: true },
  { name: "Extended consultation", durationMinutes: 40, priceMinor: price * 2, currency, isOnline: false, isInPerson: true },
];
const specialist = (name: string, currency: string, price: number, online = true) => [
  { name: `${name} — first visit`, durationMinutes: 45, priceMinor: price, currency, isOnline: online, isInPerson: true },
  { name: `${name} — follow-up`, durationMinutes: 30, priceMinor: Math.round(price * 0.7), currency, isOnline: true, isInPerson: true },
];
const therapy = (currency: string, price: number) => [
  { name: "Therapy session", durationMinutes: 50, priceMinor: price, currency, isOnline: true, isInPerson: true },
  { name: "Video check-in", durationMinutes: 25, priceMinor: Math.round(price / 2), currency, isOnline: true, isInPerson: false },
];

export const DEMO_PROVIDERS: DemoProvider[] = [
  { name: "Dr. Amelia Hart", organization: "harbour-health-london", specialties: ["general-practice"], languages: ["en", "fr"], timeZone: "Europe/London", bio: "GP with a focus on preventive care and long-term conditions.", services: gp("GBP", 6_500) },
  { name: "Dr. Oliver Bennett", organization: "harbour-health-london", specialties: ["cardiology"], languages: ["en"], timeZone: "Europe/London", bio: "Consultant cardiologist: palpitations, hypertension, heart failure follow-up.", services: specialist("Cardiology", "GBP", 22_000) },
  { name: "Dr. Priya Nair", organization: "harbour-health-london", specialties: ["dermatology"], languages: ["en", "hi"], timeZone: "Europe/London", bio: "Dermatologist for acne, eczema and skin checks.", services: specialist("Dermatology", "GBP", 18_000) },
  { name: "Dr. Lucas Moreau", organization: "harbour-health-london", specialties: ["pediatrics"], languages: ["en", "fr"], timeZone: "Europe/London", bio: "Paediatrician: newborn checks, growth and development.", services: specialist("Paediatrics", "GBP", 15_000) },
  { name: "Sofia Almeida", organization: "harbour-health-london", specialties: ["physiotherapy"], languages: ["en", "pt", "es"], timeZone: "Europe/London", bio: "Physiotherapist for sports injuries and back pain.", services: therapy("GBP", 7_000) },
  { name: "Dr. Hannah Schulz", organization: "harbour-health-london", specialties: ["psychiatry"], languages: ["en", "de"], timeZone: "Europe/London", bio: "Adult psychiatrist: anxiety, depression, ADHD assessments.", services: specialist("Psychiatry", "GBP", 25_000) },
  { name: "Dr. Marcus Lee", organization: "hudson-medical-new-york", specialties: ["general-practice"], languages: ["en", "zh"], timeZone: "America/New_York", bio: "Internal medicine and primary care for adults.", services: gp("USD", 12_000) },
  { name: "Dr. Isabel Cruz", organization: "hudson-medical-new-york", specialties: ["gynecology"], languages: ["en", "es"], timeZone: "America/New_York", bio: "Gynecologist: annual exams, contraception, menopause care.", services: specialist("Gynecology", "USD", 24_000) },
  { name: "Dr. Nathan Brooks", organization: "hudson-medical-new-york", specialties: ["cardiology"], languages: ["en"], timeZone: "America/New_York", bio: "Preventive cardiology and lipid clinic.", services: specialist("Cardiology", "USD", 30_000) },
  { name: "Rachel Goldberg, PsyD", organization: "hudson-medical-new-york", specialties: ["psychology"], languages: ["en"], timeZone: "America/New_York", bio: "Clinical psychologist: CBT for anxiety and insomnia.", services: therapy("USD", 18_000) },
  { name: "Dr. Kenji Watanabe", organization: "hudson-medical-new-york", specialties: ["dentistry"], languages: ["en", "ja"], timeZone: "America/New_York", bio: "General and cosmetic dentistry.", services: specialist("Dental", "USD", 16_000, false) },
  { name: "Dr. Ananya Iyer", organization: "sahyadri-clinic-mumbai", specialties: ["general-practice"], languages: ["en", "hi"], timeZone: "Asia/Kolkata", bio: "Family physician for adults and children.", services: gp("INR", 80_000) },
  { name: "Dr. Rohan Mehta", organization: "sahyadri-clinic-mumbai", specialties: ["cardiology"], languages: ["en", "hi"], timeZone: "Asia/Kolkata", bio: "Interventional cardiologist; second opinions online.", services: specialist("Cardiology", "INR", 200_000) },
  { name: "Dr. Fatima Sheikh", organization: "sahyadri-clinic-mumbai", specialties: ["gynecology"], languages: ["en", "hi", "ar"], timeZone: "Asia/Kolkata", bio: "Obstetrics and gynecology, prenatal care.", services: specialist("Gynecology", "INR", 150_000) },
  { name: "Meera Kapoor", organization: "sahyadri-clinic-mumbai", specialties: ["nutrition"], languages: ["en", "hi"], timeZone: "Asia/Kolkata", bio: "Clinical nutritionist: diabetes and weight management.", services: therapy("INR", 120_000) },
  { name: "Dr. Vikram Rao", organization: "sahyadri-clinic-mumbai", specialties: ["dermatology"], languages: ["en", "hi"], timeZone: "Asia/Kolkata", bio: "Dermatology and hair clinic.", services: specialist("Dermatology", "INR", 100_000) },
  { name: "Dr. Chloe Nguyen", organization: "torrens-health-adelaide", specialties: ["general-practice"], languages: ["en", "zh"], timeZone: "Australia/Adelaide", bio: "GP with interests in women's health and travel medicine.", services: gp("AUD", 9_000) },
  { name: "Jack Thompson", organization: "torrens-health-adelaide", specialties: ["physiotherapy"], languages: ["en"], timeZone: "Australia/Adelaide", bio: "Musculoskeletal physiotherapist and clinical pilates.", services: therapy("AUD", 10_000) },
  { name: "Dr. Layla Haddad", organization: "torrens-health-adelaide", specialties: ["psychology", "psychiatry"], languages: ["en", "ar"], timeZone: "Australia/Adelaide", bio: "Psychiatrist and psychotherapist for young adults.", services: therapy("AUD", 22_000) },
  { name: "Dr. Ethan Walker", organization: "torrens-health-adelaide", specialties: ["pediatrics"], languages: ["en"], timeZone: "Australia/Adelaide", bio: "Paediatrician: asthma, allergies, development.", services: specialist("Paediatrics", "AUD", 20_000) },
];

export function providerEmail(name: string): string {
  const local = name
    .toLowerCase()
    .replace(/^dr\.\s*/, "")
    .replace(/,.*$/, "")
    .normalize("NFD")
    .replace(/[^a-z\s]/g, "")
    .trim()
    .replace(/\s+/g, ".");
  return `${local}@${DEMO_DOMAIN}`;
}

export function providerSlug(name: string): string {
  return providerEmail(name).split("@")[0]!.replaceAll(".", "-");
}

/** Everyone the seed creates an account for. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  DEMO_PATIENT,
  DEMO_SECOND_PATIENT,
  DEMO_ADMIN,
  ...DEMO_PROVIDERS.map((p) => ({ email: providerEmail(p.name), name: p.name })),
];

/** Everyone who can sign in on the local Google consent page, in the order shown there: the seeded accounts and two newcomers. */
export const DEMO_GOOGLE_ACCOUNTS: DemoAccount[] = [...DEMO_ACCOUNTS, DEMO_NEWCOMER, DEMO_APPLICANT];
