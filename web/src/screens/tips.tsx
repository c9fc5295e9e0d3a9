// The tips inbox: new tips appear within seconds (the list is read from the store, not from the desk's
// Telegram messages), filters by status and topic, and a tip's page with its files, thread and actions.
import { signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { api, blobUrl, describeError } from "../api.ts";
import { ago, t } from "../i18n.ts";
import { useLive } from "../live.ts";

interface TipSummary {
  id: number; reference: string; status: string; topic: string; excerpt: string; consent: string; language: string;
  files: number; hasPlace: boolean; hasContact: boolean; handledBy: string | null; onDesk: boolean; createdAt: string;
}
interface TipDetail extends TipSummary {
  text: string; voice: boolean; place: { text: string | null; latitude: number | null; longitude: number | null } | null;
  contactPhone: string | null; authorName: string | null; senderBanned: boolean; senderReachable: boolean;
  files: never; thread: Array<{ direction: string; text: string | null; hasFile: boolean; at: string }>;
  article: { id: number; externalId: string; status: string } | null;
}
type TipPage = Omit<TipDetail, "files"> & { files: Array<{ index: number; kind: string }> };

const FILTERS = ["open", "new", "in_progress", "accepted", "rejected", "published", "spam", "all"] as const;
const TOPICS = ["", "city", "incident", "roads", "utilities", "society", "other"] as const;
const filter = signal<(typeof FILTERS)[number]>("open");
const topic = signal<string>("");
const selected = signal<string | null>(null);

export function TipsScreen() {
  const query = new URLSearchParams({ limit: "100" });
  if (filter.value !== "all") query.set("status", filter.value);
  if (topic.value) query.set("topic", topic.value);
  const { data } = useLive<{ items: TipSummary[] }>(`/tips?${query}`);
  return (
    <div class={`split ${selected.value ? "has-detail" : ""}`}>
      <section class="list">
        <div class="filters">
          {FILTERS.map((f) => (
            <button class={`chip ${filter.value === f ? "on" : ""}`} data-filter={f} onClick={() => (filter.value = f)}>{t(`console-filter-${f}`)}</button>
          ))}
          <select aria-label={t("console-tips-topic")} value={topic.value} onChange={(e) => (topic.value = e.currentTarget.value)}>
            {TOPICS.map((value) => <option value={value}>{value ? t(`console-topic-${value}`) : t("console-tips-all-topics")}</option>)}
          </select>
        </div>
        {data?.items.length === 0 && <p class="empty">{t("console-tips-empty")}</p>}
        <ul class="cards" data-testid="tip-list">
          {data?.items.map((tip) => (
            <li key={tip.id} class={`card ${selected.value === tip.reference ? "active" : ""}`} data-reference={tip.reference} onClick={() => (selected.value = tip.reference)}>
              <div class="row">
                <b>{tip.reference}</b>
                <span class={`badge status-${tip.status}`}>{t(`console-status-${tip.status}`)}</span>
                <span class="muted">{t(`console-topic-${tip.topic}`)}</span>
                <span class="muted right">{ago(tip.createdAt)}</span>
              </div>
              <p class="excerpt">{tip.excerpt}</p>
              <div class="row muted small">
                {tip.files > 0 && <span>📎 {tip.files}</span>}
                {tip.hasPlace && <span>📍</span>}
                {tip.hasContact && <span>📱</span>}
                {!tip.onDesk && <span title={t("console-tips-card-waiting")}>⏳ {t("console-tips-card-waiting")}</span>}
                {tip.handledBy && <span>· {tip.handledBy}</span>}
              </div>
            </li>
          ))}
        </ul>
      </section>
      {selected.value && <TipView reference={selected.value} />}
    </div>
  );
}

function TipView({ reference }: { reference: string }) {
  const { data: tip, reload } = useLive<TipPage>(`/tips/${reference}`, 3000);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [reply, setReply] = useState("");

  const act = async (action: string, body?: unknown, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setMessage(null);
    try {
      await api(`/tips/${reference}/${action}`, { method: "POST", body: body ?? {} });
      setMessage(t(`console-done-${action}`));
      if (action === "reply") setReply("");
      reload();
    } catch (error) {
      setMessage(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  if (!tip) return <section class="detail">{t("console-loading")}</section>;
  const open = ["new", "in_progress", "accepted"].includes(tip.status);
  return (
    <section class="detail" data-testid="tip-detail" data-status={tip.status}>
      <button class="back" onClick={() => (selected.value = null)}>← {t("console-back")}</button>
      <h2>{tip.reference} <span class={`badge status-${tip.status}`}>{t(`console-status-${tip.status}`)}</span></h2>
      <dl>
        <dt>{t("console-tip-topic")}</dt><dd>{t(`console-topic-${tip.topic}`)}</dd>
        <dt>{t("console-tip-consent")}</dt><dd>{t(`console-consent-${tip.consent}`)}{tip.authorName ? ` (${tip.authorName})` : ""}</dd>
        <dt>{t("console-tip-place")}</dt>
        <dd>
          {tip.place?.text ?? ""}
          {tip.place?.latitude != null && tip.place.longitude != null && (
            <a href={`https://maps.google.com/?q=${tip.place.latitude},${tip.place.longitude}`} target="_blank" rel="noopener noreferrer"> 📍 {tip.place.latitude.toFixed(5)}, {tip.place.longitude.toFixed(5)}</a>
          )}
          {!tip.place && "—"}
        </dd>
        <dt>{t("console-tip-contact")}</dt><dd>{tip.contactPhone ? <a href={`tel:${tip.contactPhone}`}>{tip.contactPhone}</a> : t("console-tip-anonymous")}</dd>
        {tip.handledBy && <><dt>{t("console-tip-handled-by")}</dt><dd>{tip.handledBy}</dd></>}
      </dl>
      <p class="tip-text">{tip.text}</p>
      {tip.voice && <Media path={`/tips/${reference}/files/voice`} kind="voice" />}
      <div class="media">{tip.files.map((f) => <Media key={f.index} path={`/tips/${reference}/files/${f.index}`} kind={f.kind} />)}</div>

      <div class="actions">
        {(tip.status === "new" || tip.status === "in_progress" || tip.status === "rejected") && (
          <button class="primary" disabled={busy} data-action="accept" onClick={() => act("accept")}>{t("console-action-accept")}</button>
        )}
        {(tip.status === "new" || tip.status === "in_progress" || tip.status === "accepted") && (
          <button disabled={busy} data-action="reject" onClick={() => act("reject")}>{t("console-action-reject")}</button>
        )}
        {tip.status !== "spam" && tip.status !== "published" && (
          <button class="danger" disabled={busy} data-action="ban" onClick={() => act("ban", {}, t("console-confirm-ban"))}>{t("console-action-ban")}</button>
        )}
        {tip.senderBanned && <button disabled={busy} data-action="unban" onClick={() => act("unban")}>{t("console-action-unban")}</button>}
      </div>
      {message && <p class="note" role="status">{message}</p>}

      {tip.status !== "spam" && !tip.senderBanned && (
        <form class="reply" onSubmit={(e) => { e.preventDefault(); void act("reply", { text: reply }); }}>
          <textarea aria-label={t("console-reply-label")} placeholder={t("console-reply-placeholder")} value={reply} maxLength={3000}
            onInput={(e) => setReply(e.currentTarget.value)} />
          <button class="primary" disabled={busy || reply.trim() === ""} data-action="reply">{t("console-action-reply")}</button>
          <p class="muted small">{t("console-reply-hint")}</p>
        </form>
      )}
      {tip.status === "accepted" && tip.article?.status === "draft" && (
        tip.consent === "none" ? <p class="muted">{t("console-draft-no-consent")}</p> : <DraftForm tip={tip} busy={busy} act={act} />
      )}

      {tip.thread.length > 0 && (
        <ol class="thread">
          {tip.thread.map((m) => (
            <li class={m.direction}><span class="muted small">{t(`console-thread-${m.direction}`)} · {ago(m.at)}</span><p>{m.text ?? (m.hasFile ? "📎" : "")}</p></li>
          ))}
        </ol>
      )}
      {open && !tip.senderReachable && <p class="muted">{t("console-tip-unreachable")}</p>}
    </section>
  );
}

function DraftForm({ tip, busy, act }: { tip: TipPage; busy: boolean; act: (action: string, body?: unknown) => Promise<void> }) {
  const [title, setTitle] = useState(tip.text.split("\n")[0]!.slice(0, 200));
  const [lead, setLead] = useState("");
  const [url, setUrl] = useState("");
  return (
    <form class="draft" onSubmit={(e) => { e.preventDefault(); void act("publish-draft", { title, lead, url }); }}>
      <h3>{t("console-draft-title")}</h3>
      <label>{t("console-draft-field-title")}<input value={title} maxLength={1000} onInput={(e) => setTitle(e.currentTarget.value)} required /></label>
      <label>{t("console-draft-field-lead")}<textarea value={lead} maxLength={10000} onInput={(e) => setLead(e.currentTarget.value)} /></label>
      <label>{t("console-draft-field-url")}<input type="url" value={url} placeholder="https://" onInput={(e) => setUrl(e.currentTarget.value)} required /></label>
      <button class="primary" disabled={busy}>{t("console-draft-publish")}</button>
    </form>
  );
}

function Media({ path, kind }: { path: string; kind: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    if (kind === "photo" || kind === "video" || kind === "voice") {
      blobUrl(path).then((value) => setUrl((made = value))).catch(() => setUrl(null));
    }
    return () => { if (made) URL.revokeObjectURL(made); };
  }, [path, kind]);
  if (kind === "document") return <button class="file" onClick={() => blobUrl(path).then((u) => window.open(u, "_blank"))}>📄 {t("console-file-document")}</button>;
  if (!url) return <span class="file muted">…</span>;
  if (kind === "photo") return <img class="file" src={url} alt={t("console-file-photo")} />;
  if (kind === "video") return <video class="file" src={url} controls preload="metadata" />;
  return <audio src={url} controls />;
}
