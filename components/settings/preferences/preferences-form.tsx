"use client";

import { createFormatter, useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useTheme } from "next-themes";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { useNotificationSettings } from "@/components/notifications/hooks";
import { Checkbox } from "@/components/ui/input";
import { isolate } from "@/components/ui/bidi";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api";
import { languageName } from "@/lib/i18n/config";
import { CHANNELS } from "@/lib/notifications/categories";
import { formatLocale, formatsFor } from "@/lib/i18n/formats";
import { timeZoneOf } from "@/lib/preferences/derived";
import {
  BETA_FEATURES,
  DATE_FORMATS,
  DENSITIES,
  DIRECTIONS,
  HOUR_CYCLES,
  LANGUAGES,
  NUMBER_LOCALES,
  THEMES,
  WEEK_STARTS,
  type AppPreferences,
  type PreferencesPatch,
} from "@/lib/preferences/schema";
import { EmailSignatureField } from "./email-signature";
import {
  useCalendlyEventTypes,
  usePreferences,
  useUpdatePreferences,
  useWhatsAppNumbers,
  type CalendlyEventTypeChoice,
} from "./hooks";

// The sample every format example shows: 3 December 2026, 14:05 UTC, and an amount.
const SAMPLE_DATE = new Date(Date.UTC(2026, 11, 3, 14, 5));
const SAMPLE_AMOUNT = 1234.5;

/** Settings → Preferences: every app preference, each saved the moment it changes. */
export function PreferencesForm() {
  const t = useTranslations("preferences");
  const query = usePreferences();
  if (query.isPending) return <LoadingState label={t("loading")} />;
  if (query.isError)
    return (
      <ErrorState
        message={t("loadError")}
        retry={
          <Button size="sm" variant="secondary" onClick={() => query.refetch()}>
            {t("retry")}
          </Button>
        }
      />
    );
  return <PreferencesEditor prefs={query.data} />;
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Card className="space-y-4 p-4">
      <div>
        <h2 className="text-lg font-semibold">{title}</h2>
        {hint && <p className="text-sm text-subtle-foreground">{hint}</p>}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </Card>
  );
}

function Switch({
  label,
  hint,
  checked,
  onChange,
  testId,
}: {
  label: string;
  /** What turning it on does, read out with the box (aria-describedby). */
  hint?: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  testId: string;
}) {
  const id = useId();
  if (!hint)
    return (
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
        {label}
      </label>
    );
  // The hint sits outside the label, so the box's name stays the label and the hint is its description.
  return (
    <div className="flex items-start gap-2 text-sm">
      <Checkbox
        id={id}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
        aria-describedby={`${id}-hint`}
        className="mt-0.5"
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground" data-testid={`${testId}-hint`}>
          {hint}
        </p>
      </div>
    </div>
  );
}

/**
 * The preferred WhatsApp sending number: one of the organization's active WhatsApp numbers
 * (display name and number, the list every member may read), or none. A choice whose number was
 * since removed reads as none, and the field says so.
 */
function WhatsAppNumberField({
  value,
  error,
  onChange,
}: {
  value: string | null;
  error: string | undefined;
  onChange: (id: string | null) => void;
}) {
  const t = useTranslations("preferences.integrations");
  const query = useWhatsAppNumbers();
  const numbers = query.data?.numbers ?? [];
  const hint = query.isError
    ? t("whatsappNumbersLoadError")
    : query.data?.unavailable
      ? t("whatsappNumberUnavailable")
      : query.data && numbers.length === 0
        ? t("whatsappNumbersNone")
        : t("whatsappNumberHint");
  return (
    <SelectField
      label={t("whatsappNumber")}
      hint={hint}
      error={error}
      // Until the list is here, the stored id has no name to show.
      disabled={!query.data}
      value={query.data ? (numbers.some((n) => n.id === value) ? value! : "") : ""}
      data-testid="pref-whatsapp-number"
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">{query.isPending ? t("whatsappNumbersLoading") : t("whatsappNumberNone")}</option>
      {numbers.map((number) => (
        <option key={number.id} value={number.id}>
          {`${isolate(number.label)} · \u2066${number.address}\u2069`}
        </option>
      ))}
    </SelectField>
  );
}

/** How an event type reads in the picker: Calendly's name (or the sandbox's, translated), its length, and "sandbox". */
function useEventTypeLabel() {
  const t = useTranslations("preferences.integrations");
  return (type: CalendlyEventTypeChoice["eventTypes"][number]) => {
    const name = type.sandbox ? t(`sandboxEventTypes.${type.sandbox}`) : isolate(type.name ?? type.schedulingUrl);
    const label = type.durationMinutes ? t("calendlyEventTypeOption", { name, minutes: type.durationMinutes }) : name;
    return type.sandbox ? t("calendlyEventTypeSandboxOption", { label }) : label;
  };
}

/**
 * The default Calendly event type: one the organization's Calendly connection offers (the
 * sandbox's without credentials), or none (agents offer their own link). A choice the
 * organization no longer offers reads as none, and the field says so.
 */
function CalendlyEventTypeField({
  value,
  error,
  onChange,
}: {
  value: string | null;
  error: string | undefined;
  onChange: (uri: string | null) => void;
}) {
  const t = useTranslations("preferences.integrations");
  const label = useEventTypeLabel();
  const query = useCalendlyEventTypes();
  const eventTypes = query.data?.eventTypes ?? [];
  const hint = query.isError
    ? t("calendlyEventTypesLoadError")
    : query.data?.unavailable
      ? t("calendlyEventTypeUnavailable")
      : query.data?.source === "none"
        ? t("calendlyNotConnected")
        : query.data?.listFailed
          ? t("calendlyEventTypesListFailed")
          : query.data?.source === "sandbox"
            ? t("calendlyEventTypesSandbox")
            : t("calendlyEventTypeHint");
  return (
    <SelectField
      label={t("calendlyEventType")}
      hint={hint}
      error={error}
      // Until the list is here, the stored URI has no name to show.
      disabled={!query.data}
      value={query.data ? (eventTypes.some((type) => type.uri === value) ? value! : "") : ""}
      data-testid="pref-calendly-event-type"
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">{query.isPending ? t("calendlyEventTypesLoading") : t("calendlyEventTypeNone")}</option>
      {eventTypes.map((type) => (
        <option key={type.uri} value={type.uri}>
          {label(type)}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * Booking notifications have one home, the notification settings' "Calendly bookings" category
 * (one switch per channel, with quiet hours): shown here as they stand, edited there.
 */
function CalendlyBookingNotifications() {
  const t = useTranslations("preferences.integrations");
  const tn = useTranslations("notifications");
  const format = useFormatter();
  const query = useNotificationSettings();
  const switches = query.data?.settings.channels.calendly_bookings;
  const on = switches ? CHANNELS.filter((channel) => switches[channel]) : [];
  return (
    <div className="space-y-1 text-sm" data-testid="pref-calendly-notifications">
      <p className="font-medium">{t("bookingNotifications")}</p>
      <p className="text-muted-foreground" aria-live="polite">
        {query.isError
          ? t("bookingNotificationsLoadError")
          : !switches
            ? t("bookingNotificationsLoading")
            : on.length
              ? t("bookingNotificationsOn", {
                  channels: format.list(
                    on.map((channel) => tn(`channel.${channel}`)),
                    { type: "conjunction" },
                  ),
                })
              : t("bookingNotificationsOff")}
      </p>
      <Link href="/settings/notifications" className="font-medium underline underline-offset-2">
        {t("bookingNotificationsLink")}
      </Link>
    </div>
  );
}

function PreferencesEditor({ prefs }: { prefs: AppPreferences }) {
  const t = useTranslations("preferences");
  const router = useRouter();
  const { setTheme } = useTheme();
  const update = useUpdatePreferences();
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  /** Saves `patch`; `refresh` re-renders the server's part (language, direction, formats) once it is stored. */
  const save = (patch: PreferencesPatch, refresh = false) =>
    update.mutate(patch, {
      onSuccess: () => {
        setErrors({});
        if (refresh) router.refresh();
      },
      onError: (error) => setErrors(error instanceof ApiError ? (error.problem.errors ?? {}) : {}),
    });
  const error = (field: string) => errors[field]?.[0];

  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf("timeZone");
    const zone = prefs.data.timeZone;
    return zone && !all.includes(zone) ? [zone, ...all] : all;
  }, [prefs.data.timeZone]);
  const currencies = useMemo(() => Intl.supportedValuesOf("currency"), []);
  const currencyNames = useMemo(
    () => new Intl.DisplayNames([prefs.interface.language], { type: "currency" }),
    [prefs.interface.language],
  );

  // What the chosen formats look like, through the same module and formatter the pages use.
  const example = useMemo(() => {
    const format = createFormatter({
      locale: formatLocale(prefs.interface.language, prefs.data),
      timeZone: timeZoneOf(prefs),
      formats: formatsFor(prefs.data),
    });
    return {
      date: format.dateTime(SAMPLE_DATE, "date"),
      dateTime: format.dateTime(SAMPLE_DATE, { dateStyle: "medium", timeStyle: "short" }),
      time: format.dateTime(SAMPLE_DATE, "time"),
      number: format.number(SAMPLE_AMOUNT, "decimal"),
      amount: format.number(SAMPLE_AMOUNT, "amount"),
    };
  }, [prefs]);
  const weekdayName = (isoDay: number) =>
    new Intl.DateTimeFormat(prefs.interface.language, { weekday: "long", timeZone: "UTC" }).format(
      // 2026-11-30 is a Monday (ISO day 1).
      new Date(Date.UTC(2026, 10, 29 + isoDay)),
    );

  return (
    <div className="space-y-6" data-testid="preferences-form">
      {update.isError && Object.keys(errors).length === 0 && <Alert tone="error">{t("saveError")}</Alert>}
      <p className="text-sm text-subtle-foreground" aria-live="polite" data-testid="preferences-status">
        {update.isPending ? t("saving") : update.isSuccess ? t("saved") : ""}
      </p>

      <Section title={t("interface.title")} hint={t("interface.hint")}>
        <SelectField
          label={t("interface.theme")}
          value={prefs.interface.theme}
          data-testid="pref-theme"
          onChange={(e) => {
            const theme = e.target.value as AppPreferences["interface"]["theme"];
            setTheme(theme); // at once, before the server has it
            save({ interface: { theme } });
          }}
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`interface.themes.${theme}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("interface.language")}
          value={prefs.interface.language}
          data-testid="pref-language"
          onChange={(e) =>
            save({ interface: { language: e.target.value as AppPreferences["interface"]["language"] } }, true)
          }
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {languageName(language)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("interface.direction")}
          value={prefs.interface.direction}
          data-testid="pref-direction"
          onChange={(e) =>
            save({ interface: { direction: e.target.value as AppPreferences["interface"]["direction"] } }, true)
          }
        >
          {DIRECTIONS.map((direction) => (
            <option key={direction} value={direction}>
              {t(`interface.directions.${direction}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("interface.density")}
          value={prefs.interface.density}
          data-testid="pref-density"
          onChange={(e) => {
            const density = e.target.value as AppPreferences["interface"]["density"];
            document.documentElement.dataset.density = density;
            save({ interface: { density } }, true);
          }}
        >
          {DENSITIES.map((density) => (
            <option key={density} value={density}>
              {t(`interface.densities.${density}`)}
            </option>
          ))}
        </SelectField>
        <Switch
          label={t("interface.sidebarCollapsed")}
          checked={prefs.interface.sidebarCollapsed}
          testId="pref-sidebar-collapsed"
          onChange={(sidebarCollapsed) => save({ interface: { sidebarCollapsed } }, true)}
        />
      </Section>

      <Section title={t("data.title")} hint={t("data.hint")}>
        <SelectField
          label={t("data.timeZone")}
          value={prefs.data.timeZone ?? ""}
          error={error("data.timeZone")}
          data-testid="pref-time-zone"
          onChange={(e) => save({ data: { timeZone: e.target.value || null } }, true)}
        >
          <option value="">{t("data.timeZoneUnset")}</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("data.dateFormat")}
          value={prefs.data.dateFormat}
          data-testid="pref-date-format"
          onChange={(e) => save({ data: { dateFormat: e.target.value as AppPreferences["data"]["dateFormat"] } }, true)}
        >
          {DATE_FORMATS.map((pattern) => (
            <option key={pattern} value={pattern}>
              {pattern === "auto" ? t("data.auto") : pattern.toUpperCase()}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("data.hourCycle")}
          value={prefs.data.hourCycle}
          data-testid="pref-hour-cycle"
          onChange={(e) => save({ data: { hourCycle: e.target.value as AppPreferences["data"]["hourCycle"] } }, true)}
        >
          {HOUR_CYCLES.map((cycle) => (
            <option key={cycle} value={cycle}>
              {t(`data.hourCycles.${cycle}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("data.weekStart")}
          value={prefs.data.weekStart}
          data-testid="pref-week-start"
          onChange={(e) => save({ data: { weekStart: e.target.value as AppPreferences["data"]["weekStart"] } }, true)}
        >
          {WEEK_STARTS.map((day) => (
            <option key={day} value={day}>
              {day === "auto" ? t("data.auto") : weekdayName(Number(day))}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("data.numberLocale")}
          value={prefs.data.numberLocale}
          data-testid="pref-number-locale"
          onChange={(e) =>
            save({ data: { numberLocale: e.target.value as AppPreferences["data"]["numberLocale"] } }, true)
          }
        >
          {NUMBER_LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {locale === "auto"
                ? t("data.auto")
                : new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(SAMPLE_AMOUNT)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("data.currency")}
          value={prefs.data.currency}
          error={error("data.currency")}
          hint={t("data.currencyHint")}
          data-testid="pref-currency"
          onChange={(e) => save({ data: { currency: e.target.value } }, true)}
        >
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code} · {currencyNames.of(code)}
            </option>
          ))}
        </SelectField>
        <dl
          className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-muted p-3 text-sm sm:col-span-2"
          data-testid="pref-examples"
        >
          <dt className="text-subtle-foreground">{t("data.examples.date")}</dt>
          <dd data-testid="example-date">{example.date}</dd>
          <dt className="text-subtle-foreground">{t("data.examples.dateTime")}</dt>
          <dd data-testid="example-date-time">{example.dateTime}</dd>
          <dt className="text-subtle-foreground">{t("data.examples.time")}</dt>
          <dd data-testid="example-time">{example.time}</dd>
          <dt className="text-subtle-foreground">{t("data.examples.number")}</dt>
          <dd data-testid="example-number">{example.number}</dd>
          <dt className="text-subtle-foreground">{t("data.examples.amount")}</dt>
          <dd data-testid="example-amount">{example.amount}</dd>
        </dl>
      </Section>

      <Section title={t("features.title")} hint={t("features.hint")}>
        <Switch
          label={t("features.keyboardShortcuts")}
          checked={prefs.features.keyboardShortcuts}
          testId="pref-keyboard-shortcuts"
          onChange={(keyboardShortcuts) => save({ features: { keyboardShortcuts } })}
        />
        <fieldset className="space-y-2 sm:col-span-2">
          <legend className="text-sm font-medium">{t("features.beta")}</legend>
          {BETA_FEATURES.map((feature) => (
            <Switch
              key={feature}
              label={t(`features.betas.${feature}`)}
              hint={t(`features.betaHints.${feature}`)}
              checked={prefs.features.beta.includes(feature)}
              testId={`pref-beta-${feature}`}
              onChange={(on) =>
                save({
                  features: {
                    beta: on ? [...prefs.features.beta, feature] : prefs.features.beta.filter((f) => f !== feature),
                  },
                })
              }
            />
          ))}
        </fieldset>
      </Section>

      <Section title={t("integrations.title")} hint={t("integrations.hint")}>
        <CalendlyEventTypeField
          value={prefs.integrations.calendly.defaultEventTypeUri}
          error={error("integrations.calendly.defaultEventTypeUri")}
          onChange={(defaultEventTypeUri) => save({ integrations: { calendly: { defaultEventTypeUri } } })}
        />
        <CalendlyBookingNotifications />
        <WhatsAppNumberField
          value={prefs.integrations.whatsapp.preferredNumberId}
          error={error("integrations.whatsapp.preferredNumberId")}
          onChange={(preferredNumberId) => save({ integrations: { whatsapp: { preferredNumberId } } })}
        />
        <EmailSignatureField value={prefs.integrations.emailSignature} />
      </Section>
    </div>
  );
}
