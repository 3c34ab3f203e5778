/**
 * The English text of a domain: every Vietnamese key, and beside each plural (key_other) its
 * singular (key_one), since Vietnamese has a single form where English has two.
 */
export type English<T> = { [K in keyof T]: T[K] extends string ? string : English<T[K]> } & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_one` : never]: string;
};
