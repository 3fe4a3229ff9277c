export { ProviderDirectory } from "./components/provider-directory";
export { LanguageSelect, SpecialtySelect } from "./components/filter-selects";
export { listProvidersInput, type ListProvidersInput } from "./schemas";
export type { ProviderSummary, Page } from "./types";
export type { MyProviderProfileDto, ProviderProfileDto, ServiceDto } from "./types";
export { ServiceManager } from "./components/service-list";
export { ProviderSettingsForm } from "./components/provider-settings-form";
export { ServiceForm, type ServiceSaveMutation } from "./components/service-form";
export { COMMON_TIME_ZONES } from "./components/provider-settings-form";
