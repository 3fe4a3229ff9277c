export { privacyRouter } from "./router";
export { downloadPersonalData, type DownloadPersonalDataOptions, type PersonalDataDownload } from "./download-personal-data";
export { exportPersonalData, type ExportPersonalDataOptions } from "./export-personal-data";
