// Shows a post's HTML as Telegram would: only the tags Telegram's HTML parse mode knows survive, links only
// with http(s), everything else becomes text. The HTML is ours (renderPost escapes untrusted text), and is
// still never handed to innerHTML.
import type { ComponentChildren, JSX } from "preact";

const TAGS: Record<string, keyof JSX.IntrinsicElements> = {
  b: "b", strong: "b", i: "i", em: "i", u: "u", ins: "u", s: "s", strike: "s", del: "s",
  code: "code", pre: "pre", blockquote: "blockquote", "tg-spoiler": "span", a: "a",
};

function convert(node: Node, key: number): ComponentChildren {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const children = [...element.childNodes].map(convert);
  const tag = TAGS[element.tagName.toLowerCase()];
  if (!tag) return children;
  if (tag === "a") {
    const href = element.getAttribute("href") ?? "";
    return /^https?:\/\//i.test(href) ? <a key={key} href={href} target="_blank" rel="noopener noreferrer">{children}</a> : children;
  }
  const Tag = tag as "b";
  return <Tag key={key} class={element.tagName.toLowerCase() === "tg-spoiler" ? "spoiler" : undefined}>{children}</Tag>;
}

export function TelegramHtml({ html }: { html: string }) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  return <div class="tg-text">{[...doc.body.childNodes].map(convert)}</div>;
}
