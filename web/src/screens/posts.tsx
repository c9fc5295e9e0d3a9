// Posts: where each new article is in Telegram, per channel, with the reason when it is stuck; retry,
// withdraw, and a preview drawn like the Telegram post.
import { useState } from "preact/hooks";
import { api, describeError } from "../api.ts";
import { ago, t } from "../i18n.ts";
import { useLive } from "../live.ts";
import { TelegramHtml } from "../telegram-html.tsx";

interface Delivery {
  id: number; state: string; link: string | null; error: string | null; attempts: number; dueAt: string | null; sentAt: string | null;
  channel: { chatId: string; title: string | null; language: string; status: string };
}
interface Article {
  id: number; externalId: string; title: string; url: string; status: string; source: string; language: string;
  breaking: boolean; publishAt: string | null; createdAt: string; deliveries: Delivery[];
}
interface Preview { language: string; kind: string; html: string; imageUrl: string | null; button: { text: string; url: string } | null }

export function PostsScreen() {
  const { data, reload } = useLive<{ items: Article[] }>("/articles?limit=30", 3000);
  const [message, setMessage] = useState<string | null>(null);
  const act = async (article: Article, action: "retry" | "withdraw") => {
    if (action === "withdraw" && !window.confirm(t("console-confirm-withdraw", { title: article.title }))) return;
    try {
      await api(`/articles/${article.id}/${action}`, { method: "POST", body: {} });
      setMessage(t(`console-done-${action}`));
      reload();
    } catch (error) {
      setMessage(describeError(error, t));
    }
  };
  return (
    <section class="list">
      {message && <p class="note" role="status">{message}</p>}
      {data?.items.length === 0 && <p class="empty">{t("console-posts-empty")}</p>}
      <ul class="cards" data-testid="post-list">
        {data?.items.map((article) => (
          <li key={article.id} class="card" data-article={article.externalId}>
            <div class="row">
              <b class="title">{article.breaking ? "⚡ " : ""}{article.title}</b>
              <span class="muted right">{ago(article.createdAt)}</span>
            </div>
            <div class="row muted small">
              <span class={`badge article-${article.status}`}>{t(`console-article-${article.status}`)}</span>
              <span>{t(`console-source-${article.source}`)}</span>
              <a href={article.url} target="_blank" rel="noopener noreferrer">{t("console-posts-on-site")}</a>
            </div>
            <ul class="deliveries">
              {article.deliveries.map((d) => (
                <li data-state={d.state} data-channel={d.channel.chatId}>
                  <span class={`dot state-${d.state}`} />
                  <span>{d.channel.title ?? d.channel.chatId}</span>
                  <span class="muted">{t(`console-delivery-${d.state}`)}</span>
                  {d.link && <a href={d.link} target="_blank" rel="noopener noreferrer">{t("console-posts-open")}</a>}
                  {d.error && d.state !== "sent" && <span class="error small">{d.error}</span>}
                </li>
              ))}
              {article.deliveries.length === 0 && article.status !== "draft" && <li class="muted small">{t("console-posts-no-channels")}</li>}
            </ul>
            <div class="actions">
              {article.deliveries.some((d) => d.state === "failed") && <button class="primary" data-action="retry" onClick={() => act(article, "retry")}>{t("console-action-retry")}</button>}
              {article.status !== "withdrawn" && article.status !== "draft" && <button class="danger" data-action="withdraw" onClick={() => act(article, "withdraw")}>{t("console-action-withdraw")}</button>}
              <PreviewToggle id={article.id} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PreviewToggle({ id }: { id: number }) {
  const [posts, setPosts] = useState<Preview[] | null>(null);
  const toggle = async () => setPosts(posts ? null : (await api<{ posts: Preview[] }>(`/articles/${id}/preview`)).posts);
  return (
    <>
      <button data-action="preview" onClick={toggle}>{posts ? t("console-preview-hide") : t("console-preview-show")}</button>
      {posts && (
        <div class="previews">
          {posts.map((post) => (
            <figure class="bubble" data-language={post.language}>
              {post.imageUrl && <img class={post.kind === "photo" ? "photo" : "link-preview"} src={post.imageUrl} alt="" referrerpolicy="no-referrer" />}
              <TelegramHtml html={post.html} />
              {post.button && <a class="inline-button" href={post.button.url} target="_blank" rel="noopener noreferrer">{post.button.text}</a>}
              <figcaption class="muted small">{post.language.toUpperCase()}</figcaption>
            </figure>
          ))}
        </div>
      )}
    </>
  );
}
