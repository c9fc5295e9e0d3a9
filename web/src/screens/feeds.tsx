// Feeds and channels: each feed's health and the editor's add / pause / resume / remove; the channels.
import { useState } from "preact/hooks";
import { api, describeError } from "../api.ts";
import { ago, t } from "../i18n.ts";
import { useLive } from "../live.ts";

interface Feed {
  id: number; url: string; title: string | null; status: string; origin: string; polled: boolean;
  lastSuccessAt: string | null; lastError: string | null; errorCount: number; nextPollAt: string | null; posted: number; archived: number;
}
interface Channel { id: number; chatId: string; title: string | null; language: string; status: string; lastError: string | null }

/** A paused feed is paused whatever its last poll said; an active one is failing while its last poll failed. */
const health = (feed: Feed) => (feed.status !== "active" ? feed.status : feed.lastError ? "failing" : "active");

export function FeedsScreen() {
  const feeds = useLive<{ items: Feed[] }>("/feeds", 5000);
  const channels = useLive<{ items: Channel[] }>("/channels", 10000);
  const [url, setUrl] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  const run = async (path: string, body: unknown, done: string) => {
    try {
      await api(path, { method: "POST", body });
      setMessage(t(done));
      feeds.reload();
      return true;
    } catch (error) {
      setMessage(describeError(error, t));
      return false;
    }
  };

  return (
    <section class="list">
      <h2>{t("console-feeds-title")}</h2>
      <form class="add-feed" onSubmit={async (e) => { e.preventDefault(); if (await run("/feeds", { url }, "console-done-feed-added")) setUrl(""); }}>
        <input type="url" required placeholder="https://…/rss" aria-label={t("console-feeds-url")} value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        <button class="primary">{t("console-action-add-feed")}</button>
      </form>
      {message && <p class="note" role="status">{message}</p>}
      <ul class="cards" data-testid="feed-list">
        {feeds.data?.items.map((feed) => (
          <li key={feed.id} class="card" data-feed={feed.url} data-status={feed.status}>
            <div class="row"><b class="title">{feed.title ?? feed.url}</b><span class={`badge feed-${health(feed)}`}>{t(`console-feed-${health(feed)}`)}</span></div>
            {feed.title && <p class="muted small url">{feed.url}</p>}
            <dl class="health">
              <dt>{t("console-feed-last-success")}</dt><dd>{ago(feed.lastSuccessAt)}</dd>
              <dt>{t("console-feed-next-poll")}</dt><dd>{feed.polled ? ago(feed.nextPollAt) : t("console-feed-not-polled")}</dd>
              <dt>{t("console-feed-items")}</dt><dd>{t("console-feed-items-value", { posted: feed.posted, archived: feed.archived })}</dd>
              {feed.lastError && <><dt>{t("console-feed-last-error")}</dt><dd class="error">{feed.lastError} ({t("console-feed-errors", { count: feed.errorCount })})</dd></>}
            </dl>
            <div class="actions">
              {feed.status === "active"
                ? <button data-action="pause" onClick={() => run(`/feeds/${feed.id}/pause`, {}, "console-done-feed-paused")}>{t("console-action-pause")}</button>
                : <button data-action="resume" onClick={() => run(`/feeds/${feed.id}/resume`, {}, "console-done-feed-resumed")}>{t("console-action-resume")}</button>}
              <button class="danger" data-action="remove" onClick={() => window.confirm(t("console-confirm-remove-feed")) && run(`/feeds/${feed.id}/remove`, {}, "console-done-feed-removed")}>{t("console-action-remove")}</button>
            </div>
          </li>
        ))}
      </ul>
      <h2>{t("console-channels-title")}</h2>
      <ul class="cards">
        {channels.data?.items.map((c) => (
          <li key={c.id} class="card row" data-channel={c.chatId}>
            <b>{c.title ?? c.chatId}</b>
            <span class="muted">{c.language.toUpperCase()}</span>
            <span class={`badge channel-${c.status}`}>{t(`console-channel-${c.status}`)}</span>
            {c.lastError && <span class="error small">{c.lastError}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
