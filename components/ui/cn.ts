import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names; a later class wins over an earlier one of the same utility (`cn("px-3", "px-2")` → `px-2`). */
export const cn = (...values: ClassValue[]) => twMerge(clsx(values));
