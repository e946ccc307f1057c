/** A string in both of the sandbox's languages: Chinese (the course's) and English. */
export interface Text {
  zh: string;
  en: string;
}
