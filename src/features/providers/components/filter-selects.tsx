"use client";

import { Select } from "@/components/ui/select";
import { languageName } from "@/lib/languages";
import { useSpecialties } from "../hooks/use-providers";

/** The languages the directory and search filter by. */
const DIRECTORY_LANGUAGES = ["en", "fr", "de", "es", "pt", "hi", "ar", "ja", "zh"] as const;

interface FilterSelectProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
}

/** "All specialties" or one of the platform's specialties, by slug. */
export function SpecialtySelect({ id, value, onChange }: FilterSelectProps) {
  const specialties = useSpecialties();
  return (
    <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">All specialties</option>
      {specialties.data?.map((s) => (
        <option key={s.slug} value={s.slug}>
          {s.name}
        </option>
      ))}
    </Select>
  );
}

/** "Any language" or one a provider may speak, by ISO 639-1 code. */
export function LanguageSelect({ id, value, onChange }: FilterSelectProps) {
  return (
    <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Any language</option>
      {DIRECTORY_LANGUAGES.map((code) => (
        <option key={code} value={code}>
          {languageName(code)}
        </option>
      ))}
    </Select>
  );
}
