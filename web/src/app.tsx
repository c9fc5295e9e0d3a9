// The console's shell: who is signed in, the tabs, the language switch, and the "not for you" screen.
import { signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { api, refused } from "./api.ts";
import { LOCALES, locale, pickLocale, t, type Locale } from "./i18n.ts";
import { TipsScreen } from "./screens/tips.tsx";
import { PostsScreen } from "./screens/posts.tsx";
import { PollsScreen } from "./screens/polls.tsx";
import { FeedsScreen } from "./screens/feeds.tsx";
import { ReadersScreen } from "./screens/readers.tsx";

export interface Me {
  editor: { id: string; name: string };
  locale: string;
  bot: string;
  features: { readers: boolean };
}

const TABS = ["tips", "posts", "polls", "feeds", "readers"] as const;
type Tab = (typeof TABS)[number];
export const tab = signal<Tab>("tips");

export function App({ insideTelegram }: { insideTelegram: boolean }) {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    api<Me>("/me").then((value) => {
      setMe(value);
      if (!localStorage.getItem("habarshy.locale")) locale.value = pickLocale(value.locale);
    }).catch(() => undefined);
  }, []);

  if (refused.value) {
    return (
      <main class="refused" data-testid="refused">
        <h1>{t("console-title")}</h1>
        <p>{refused.value.status === 403 ? t("console-refused-not-editor") : insideTelegram ? t("console-refused-launch") : t("console-refused-outside")}</p>
      </main>
    );
  }
  if (!me) return <main class="loading">{t("console-loading")}</main>;

  const tabs = TABS.filter((name) => name !== "readers" || me.features.readers);
  const setLocale = (value: Locale) => {
    localStorage.setItem("habarshy.locale", value);
    locale.value = value;
    document.documentElement.lang = value;
  };
  return (
    <div class="shell">
      <header>
        <strong>{t("console-title")}</strong>
        <span class="who" title={me.editor.id}>{me.editor.name}</span>
        <select aria-label={t("console-language")} value={locale.value} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
          {LOCALES.map((l) => <option value={l}>{l.toUpperCase()}</option>)}
        </select>
      </header>
      <nav role="tablist">
        {tabs.map((name) => (
          <button role="tab" aria-selected={tab.value === name} data-tab={name} onClick={() => (tab.value = name)}>{t(`console-tab-${name}`)}</button>
        ))}
      </nav>
      <main>
        {tab.value === "tips" && <TipsScreen />}
        {tab.value === "posts" && <PostsScreen />}
        {tab.value === "polls" && <PollsScreen />}
        {tab.value === "feeds" && <FeedsScreen />}
        {tab.value === "readers" && me.features.readers && <ReadersScreen />}
      </main>
    </div>
  );
}
